import type { Metadata } from "next";
import Link from "next/link";
import { ConfirmLinkForm } from "@/components/approvals/confirm-link-form";
import { Card, PageHeader } from "@/components/ui/card";
import { describeApprovalLink, type LinkState } from "@/lib/server/channels/email-links";
import { requireUser } from "@/lib/server/current-user";
import { getPrisma } from "@/lib/server/db";

// The link's token is in the address: it must not leave in a Referer header.
export const metadata: Metadata = { title: "Confirm your answer", referrer: "no-referrer" };

const MESSAGES: Record<Exclude<LinkState, "ready">, { title: string; text: string }> = {
  used: { title: "This link has been used", text: "Each e-mail link works once. The request is in the console." },
  expired: { title: "This link expired", text: "The request expired before it was decided; the agent was told." },
  decided: { title: "Already decided", text: "Someone decided this request before you; nothing was changed." },
  not_yours: {
    title: "This link was sent to someone else",
    text: "Sign in as the person the e-mail was addressed to, or decide the request in the console.",
  },
  not_found: { title: "Link not recognised", text: "Check that the whole link was copied, or open the console." },
};

/** What an e-mail link opens: a GET only shows the request; the answer is the signed-in person's POST. */
export default async function ConfirmLinkPage({ searchParams }: { searchParams: Promise<{ t?: string | string[] }> }) {
  const t = (await searchParams).t;
  const token = typeof t === "string" ? t : "";
  const user = await requireUser("approvals:decide");
  const view = await describeApprovalLink(await getPrisma(), user, token);
  const a = view.approval;
  return (
    <>
      <PageHeader
        title={view.action === "deny" ? "Deny this request?" : "Approve this request?"}
        description="You followed a link from an approval e-mail. Nothing is decided until you confirm below."
      />
      {view.state !== "ready" || !a ? (
        <Card title={MESSAGES[view.state === "ready" ? "not_found" : view.state].title}>
          <p className="text-sm text-slate-600" data-testid="link-state" data-state={view.state}>
            {MESSAGES[view.state === "ready" ? "not_found" : view.state].text}{" "}
            {a && (
              <Link className="text-indigo-600 hover:underline" href={`/approvals?id=${a.id}`}>
                Open the request
              </Link>
            )}
          </p>
        </Card>
      ) : (
        <ConfirmLinkForm token={token} action={view.action ?? "deny"} approval={a} />
      )}
    </>
  );
}
