import type { Metadata } from "next";
import { Card, PageHeader } from "@/components/ui/card";
import { can, ROLE_LABELS } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { requireUser } from "@/lib/server/current-user";
import { ApiTokens } from "./api-tokens";
import { SlackLink } from "./slack-link";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("api_tokens:own");
  const approver = can(user.role, "approvals:decide");
  const mcpUrl = `${env().PUBLIC_URL}/mcp/approvals`;
  return (
    <>
      <PageHeader
        title="Account & API tokens"
        description={`${user.email} · ${ROLE_LABELS[user.role]}. Personal API tokens let automation (GitOps, CI) call the console with your role.`}
      />
      <div className="space-y-6">
        {approver && (
          <div className="grid gap-6 lg:grid-cols-2">
            <SlackLink />
            <Card
              title="Your assistant (MCP)"
              description="Let the AI assistant you already use list, approve and deny requests as you."
            >
              <p className="text-sm text-slate-700">
                Add an MCP server with the Streamable HTTP URL below, and one of your API tokens as a bearer token.
                Tools: <code className="font-mono text-xs">list_pending_approvals</code>,{" "}
                <code className="font-mono text-xs">get_approval</code>,{" "}
                <code className="font-mono text-xs">approve</code>, <code className="font-mono text-xs">deny</code> (a
                reason is required). Editing arguments stays in the console.
              </p>
              <code
                className="mt-3 block overflow-x-auto rounded bg-slate-50 px-2 py-1 font-mono text-xs ring-1 ring-slate-200"
                data-testid="mcp-url"
              >
                {mcpUrl}
              </code>
            </Card>
          </div>
        )}
        <ApiTokens />
      </div>
    </>
  );
}
