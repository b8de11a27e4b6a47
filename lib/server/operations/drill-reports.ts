import "server-only";
import type { DrillReport, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { NotFound } from "../errors";
import type { DrillReport as DrillReportView, DrillStep } from "@/lib/schemas/operations";

export function drillReportView(r: DrillReport): DrillReportView {
  return {
    id: r.id,
    environment: r.environment,
    status: r.status as DrillReportView["status"],
    agent: { id: r.agentId, client_id: r.agentClientId },
    call: { server: r.server, tool: r.tool },
    run_by: r.runBy,
    started_at: r.startedAt.toISOString(),
    finished_at: r.finishedAt?.toISOString() ?? null,
    duration_ms: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    revoke_effect_ms: r.revokeEffectMs,
    restore_effect_ms: r.restoreEffectMs,
    summary: r.summary,
    steps: (Array.isArray(r.steps) ? r.steps : []) as unknown as DrillStep[],
  };
}
export type { DrillReportView };

export async function listDrillReports(prisma: PrismaClient, filter: { environment?: Environment } = {}, take = 50) {
  const rows = await prisma.drillReport.findMany({ where: filter, orderBy: { startedAt: "desc" }, take });
  return rows.map(drillReportView);
}

export async function getDrillReport(prisma: PrismaClient, id: string) {
  const row = await prisma.drillReport.findUnique({ where: { id } });
  if (!row) throw NotFound("The drill report");
  return drillReportView(row);
}
