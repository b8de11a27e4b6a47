import type { Metadata } from "next";
import { GateHistory } from "@/components/dashboard/gate-history";
import { GateSettings } from "@/components/dashboard/gate-settings";
import { MetricsTokens } from "@/components/dashboard/metrics-tokens";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Gates & metrics" };

export default async function GateSettingsPage() {
  const user = await requireUser("dashboard:read");
  const canEdit = can(user.role, "settings:manage");
  return (
    <>
      <PageHeader
        title="Gates & metrics"
        description={
          canEdit
            ? "The six go / no-go gates of the readiness dashboard: targets, block conditions and owners. Every change is audited."
            : "The six go / no-go gates of the readiness dashboard. Only admins change thresholds."
        }
      />
      <div className="space-y-6">
        {can(user.role, "metrics_tokens:manage") && <MetricsTokens />}
        <GateSettings canEdit={canEdit} />
        <GateHistory />
      </div>
    </>
  );
}
