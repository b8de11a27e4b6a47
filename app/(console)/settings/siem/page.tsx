import type { Metadata } from "next";
import Link from "next/link";
import { SiemSettings } from "@/components/audit/siem-settings";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "SIEM export" };

export default async function SiemExportPage() {
  const user = await requireUser("audit:verify");
  return (
    <>
      <PageHeader
        title="SIEM export"
        description={
          <>
            Every audit event and decision, in chain order, as OCSF JSON to your SIEM over HTTPS or syslog. Each
            destination keeps a cursor that moves only when the receiver acknowledged, so outages lose nothing (
            <Link className="text-indigo-700 hover:underline" href="/audit">
              audit trail
            </Link>
            ). Every change is audited.
          </>
        }
      />
      <SiemSettings canEdit={can(user.role, "settings:manage")} />
    </>
  );
}
