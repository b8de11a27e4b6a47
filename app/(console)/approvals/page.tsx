import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { ApprovalQueue } from "@/components/approvals/approval-queue";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requireUser("approvals:read");
  return (
    <>
      <PageHeader
        actions={
          <div className="flex gap-3 text-sm">
            <Link href="/approvals/insights" className="text-indigo-600 hover:underline">
              Insights
            </Link>
            {can(user.role, "settings:manage") && (
              <Link href="/approvals/settings" className="text-indigo-600 hover:underline">
                Settings
              </Link>
            )}
          </div>
        }
        title="Approvals"
        description="Risky calls wait here for a person. The oldest request is first; a request turns amber at 10 minutes and red at 20. Keys: j / k to move, a to approve, d to deny."
      />
      <ApprovalQueue canDecide={can(user.role, "approvals:decide")} />
    </>
  );
}
