import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DrillReportView } from "@/components/operations/drill-report";
import { requireUser } from "@/lib/server/current-user";
import { getPrisma } from "@/lib/server/db";
import { getDrillReport } from "@/lib/server/operations";

export const metadata: Metadata = { title: "Drill report" };

export default async function DrillReportPage({ params }: { params: Promise<{ id: string }> }) {
  await requireUser("dashboard:read");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const report = await getDrillReport(await getPrisma(), id).catch(() => null);
  if (!report) notFound();
  return <DrillReportView report={report} />;
}
