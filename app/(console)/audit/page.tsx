import type { Metadata } from "next";
import { AuditSearch } from "@/components/audit/audit-search";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage() {
  const user = await requireUser("audit:read");
  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every agent decision and every change, in two hash chains that show tampering. Filter, open a record for its policy snapshot and approval, and export what you see. The URL holds the filters: share it."
      />
      <AuditSearch canVerify={can(user.role, "audit:verify")} canSeePayload={can(user.role, "audit:payload")} />
    </>
  );
}
