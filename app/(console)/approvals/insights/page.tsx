import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { ApprovalInsights } from "@/components/approvals/approval-insights";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Approval insights" };

export default async function InsightsPage() {
  await requireUser("approvals:read");
  return (
    <>
      <PageHeader
        title="Approval insights"
        description="How long people take to decide, which rules are nearly always approved (candidates to relax in the risk taxonomy), and how often requests time out or escalate."
        actions={
          <Link href="/approvals" className="text-sm text-indigo-600 hover:underline">
            ← Back to the queue
          </Link>
        }
      />
      <ApprovalInsights />
    </>
  );
}
