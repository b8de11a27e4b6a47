import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/card";
import { requireUser } from "@/lib/server/current-user";
import { AuditList } from "./audit-list";

export const metadata: Metadata = { title: "Audit trail" };

export default async function AuditPage() {
  await requireUser("audit:read");
  return (
    <>
      <PageHeader title="Audit trail" description="Every sign-in, user and token change, hash-chained so tampering shows." />
      <AuditList />
    </>
  );
}
