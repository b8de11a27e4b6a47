import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { ApprovalSettings } from "@/components/approvals/approval-settings";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Approval settings" };

export default async function ApprovalSettingsPage() {
  await requireUser("settings:manage");
  return (
    <>
      <PageHeader
        title="Approval settings"
        description="Who approves what (groups and the fallback group for escalations), when requests escalate, and where notifications go."
        actions={
          <Link href="/approvals" className="text-sm text-indigo-600 hover:underline">
            ← Back to the queue
          </Link>
        }
      />
      <ApprovalSettings />
    </>
  );
}
