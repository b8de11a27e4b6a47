import type { Metadata } from "next";
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
        title="Approvals"
        description="Risky calls wait here for a person. The oldest request is first; a request turns amber at 10 minutes and red at 20. Keys: j / k to move, a to approve, d to deny."
      />
      <ApprovalQueue canDecide={can(user.role, "approvals:decide")} />
    </>
  );
}
