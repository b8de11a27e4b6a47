import type { Metadata } from "next";
import { AuthorizeClientForm } from "@/components/approvals/authorize-client-form";
import { Card, PageHeader } from "@/components/ui/card";
import { describeAuthorization } from "@/lib/server/channels/person-oauth";
import { requireUser } from "@/lib/server/current-user";
import { getPrisma } from "@/lib/server/db";

// The address carries the client's state and PKCE challenge: it must not leave in a Referer header.
export const metadata: Metadata = { title: "Connect your assistant", referrer: "no-referrer" };

/** The authorization endpoint for a person's MCP client (/mcp/approvals): sign in, then allow or cancel. */
export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Record<string, unknown>> }) {
  const query = Object.fromEntries(
    Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const user = await requireUser("approvals:decide");
  const view = await describeAuthorization(await getPrisma(), query);
  return (
    <>
      <PageHeader
        title="Connect your assistant"
        description="An MCP client asks to answer approval requests for you at /mcp/approvals."
      />
      <div className="max-w-2xl">
        {view.ok ? (
          <AuthorizeClientForm
            request={view.request}
            clientName={view.client.name}
            redirectHost={view.redirectHost}
            email={user.email}
          />
        ) : (
          <Card title="This request cannot be authorised">
            <p className="text-sm text-slate-600" data-testid="authorize-error">
              {view.error} Start the connection again from your assistant.
            </p>
          </Card>
        )}
      </div>
    </>
  );
}
