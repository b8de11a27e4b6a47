import { Suspense } from "react";
import { ReadinessDashboard } from "@/components/dashboard/readiness-dashboard";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";

/** The console's home: the go / no-go readiness dashboard (every role may read it). */
export default async function OverviewPage() {
  const user = await requireUser("dashboard:read");
  return (
    <>
      <PageHeader
        title="Overview"
        description="Is it safe to run agents in production? One verdict over the six gates and the thirteen readiness checks, live."
      />
      <Suspense fallback={<div className="h-40 animate-pulse rounded-xl bg-slate-100" />}>
        <ReadinessDashboard canEditGates={can(user.role, "settings:manage")} />
      </Suspense>
    </>
  );
}
