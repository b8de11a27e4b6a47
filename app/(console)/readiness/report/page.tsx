import type { Metadata } from "next";
import { ReadinessReportView } from "@/components/readiness/report-view";
import { environmentSchema } from "@/lib/schemas/identity";
import { requireUser } from "@/lib/server/current-user";
import { getPrisma } from "@/lib/server/db";
import { readinessReport } from "@/lib/server/readiness/report";

export const metadata: Metadata = { title: "Readiness report" };

export default async function ReadinessReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser("dashboard:read");
  const parsed = environmentSchema.safeParse((await searchParams).environment);
  const environment = parsed.success ? parsed.data : "production";
  const report = await readinessReport(await getPrisma(), environment);
  return <ReadinessReportView report={report} exportedBy={user.email} />;
}
