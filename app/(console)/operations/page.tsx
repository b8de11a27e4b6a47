import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/card";
import { DrillsPanel } from "@/components/operations/drills-panel";
import { KillSwitchPanel } from "@/components/operations/kill-switch-panel";
import { RevocationPanel } from "@/components/operations/revocation-panel";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";
import { getPrisma } from "@/lib/server/db";
import { killSwitches } from "@/lib/server/operations";

export const metadata: Metadata = { title: "Operations" };

export default async function OperationsPage() {
  const user = await requireUser("dashboard:read");
  const switches = await killSwitches(await getPrisma());
  return (
    <>
      <PageHeader
        title="Operations"
        description={
          <>
            Incident response: pull an environment&apos;s kill switch, revoke what an attacker holds, and rehearse it
            every quarter with a revoke-and-restore drill. What to do step by step is in the{" "}
            <Link href="/runbooks" className="text-indigo-700 hover:underline">
              runbooks
            </Link>
            .
          </>
        }
      />
      <div className="space-y-6">
        <KillSwitchPanel canManage={can(user.role, "operations:manage")} initial={switches} />
        {can(user.role, "agents:read") && <RevocationPanel canRevoke={can(user.role, "agents:revoke")} />}
        <DrillsPanel canManage={can(user.role, "operations:manage")} />
      </div>
    </>
  );
}
