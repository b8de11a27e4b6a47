import "server-only";
import type { DrillReport, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { DrillSummary, LastDrill, Quarter } from "@/lib/schemas/operations";

export type { DrillSummary, LastDrill, Quarter };

/** The calendar quarter (UTC) that contains `at`: [start, end). */
export function quarterOf(at: Date): Quarter {
  const y = at.getUTCFullYear();
  const q = Math.floor(at.getUTCMonth() / 3);
  return {
    label: `${y}-Q${q + 1}`,
    start: new Date(Date.UTC(y, q * 3, 1)).toISOString(),
    end: new Date(Date.UTC(y, q * 3 + 3, 1)).toISOString(),
  };
}

export function drillSummary(r: DrillReport): DrillSummary {
  return {
    id: r.id,
    status: r.status,
    run_by: r.runBy,
    started_at: r.startedAt.toISOString(),
    finished_at: r.finishedAt?.toISOString() ?? null,
    revoke_effect_ms: r.revokeEffectMs,
    restore_effect_ms: r.restoreEffectMs,
    summary: r.summary,
    url: `/operations/drills/${r.id}`,
  };
}

/**
 * For the dashboard and the readiness checklist (`drill` in docs/gates-and-readiness.md#readiness-checklist,
 * docs/operations.md#drills): the last passed revoke-and-restore drill of an environment, and whether the
 * current quarter has one.
 */
export async function lastDrill(
  prisma: PrismaClient,
  environment: Environment,
  now: Date = new Date(),
): Promise<LastDrill> {
  const quarter = quarterOf(now);
  const [passed, run] = await Promise.all([
    prisma.drillReport.findFirst({ where: { environment, status: "passed" }, orderBy: { finishedAt: "desc" } }),
    prisma.drillReport.findFirst({
      where: { environment, status: { in: ["passed", "failed"] } },
      orderBy: { finishedAt: "desc" },
    }),
  ]);
  const inQuarter =
    !!passed?.finishedAt && passed.finishedAt >= new Date(quarter.start) && passed.finishedAt < new Date(quarter.end);
  return {
    environment,
    quarter,
    state: inQuarter ? "PASS" : "FAIL",
    last_passed: passed ? drillSummary(passed) : null,
    last_run: run ? drillSummary(run) : null,
    href: `/operations?environment=${environment}#drills`,
  };
}
