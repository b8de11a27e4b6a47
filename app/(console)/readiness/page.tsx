import type { Metadata } from "next";
import { Suspense } from "react";
import { ReadinessChecklist } from "@/components/readiness/readiness-checklist";
import { PageHeader } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/server/current-user";

export const metadata: Metadata = { title: "Readiness" };

export default async function ReadinessPage() {
  const user = await requireUser("dashboard:read");
  return (
    <>
      <PageHeader
        title="Readiness"
        description="Twelve production practices, each answered by the console itself with evidence: what was checked, what it found, who owns it and where to fix it."
      />
      <Suspense fallback={<div className="h-40 animate-pulse rounded-xl bg-slate-100" />}>
        <ReadinessChecklist canRun={can(user.role, "operations:manage")} />
      </Suspense>
    </>
  );
}
