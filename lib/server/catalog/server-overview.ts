import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/policy";
import { toDecisionItem, type DecisionItem } from "../audit-search/rows";
import { simulate } from "../policies/simulate";
import { getServer } from "./servers";

const DAY_MS = 24 * 60 * 60 * 1000;
const RECENT = 20;

/** p95 of a list of numbers (nearest rank); null when empty. */
function p95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)];
}

/**
 * One server's page: its tools, how it is doing (calls and results over the last 24 hours, the
 * last tool sync), what the live policy decides for a call to each tool, and — for readers of the
 * audit trail — its latest decisions (never their arguments).
 */
export async function serverOverview(prisma: PrismaClient, id: string, options: { decisions: boolean }) {
  const server = await getServer(prisma, id);
  const environment = server.environment as Environment;
  const where = { environment, server: server.name };
  const since = new Date(Date.now() - DAY_MS);
  const [byOutcome, latencies, results, lastCall, lastSync, coverage, recent] = await Promise.all([
    prisma.decisionRecord.groupBy({ by: ["outcome"], where: { ...where, at: { gte: since } }, _count: { _all: true } }),
    prisma.decisionRecord.findMany({
      where: { ...where, at: { gte: since } },
      select: { latencyMs: true },
      orderBy: { at: "desc" },
      take: 5000,
    }),
    prisma.toolResult.findMany({
      where: { ...where, at: { gte: since } },
      select: { status: true, durationMs: true, safetyAction: true },
      orderBy: { at: "desc" },
      take: 5000,
    }),
    prisma.decisionRecord.findFirst({ where, orderBy: { at: "desc" }, select: { at: true } }),
    prisma.auditEvent.findFirst({
      where: { targetId: server.id, action: { in: ["catalog.tools.sync", "catalog.server.create"] } },
      orderBy: { seq: "desc" },
      select: { at: true, action: true, actorLabel: true },
    }),
    server.tools.length
      ? simulate(prisma, environment, { calls: server.tools.map((t) => ({ server: server.name, tool: t.name })) })
      : Promise.resolve({ results: [] }),
    options.decisions
      ? prisma.decisionRecord.findMany({ where, orderBy: { seq: "desc" }, take: RECENT })
      : Promise.resolve(null),
  ]);
  const recentDecisions: DecisionItem[] | null = recent
    ? recent.map((r) => toDecisionItem({ ...r, arguments: null }))
    : null;
  const agents = recentDecisions?.length
    ? await prisma.agent.findMany({
        where: { clientId: { in: [...new Set(recentDecisions.map((d) => d.client_id))] } },
        select: { clientId: true, name: true },
      })
    : [];
  const outcomes = Object.fromEntries(byOutcome.map((o) => [o.outcome, o._count._all]));
  return {
    server,
    health: {
      calls_24h: byOutcome.reduce((n, o) => n + o._count._all, 0),
      outcomes_24h: outcomes,
      decision_p95_ms: p95(latencies.map((l) => l.latencyMs)),
      results_24h: results.length,
      result_errors_24h: results.filter((r) => r.status !== "ok").length,
      result_p95_ms: p95(results.map((r) => r.durationMs)),
      withheld_24h: results.filter((r) => r.safetyAction === "QUARANTINE").length,
      last_call_at: lastCall?.at.toISOString() ?? null,
      last_sync: lastSync
        ? {
            at: lastSync.at.toISOString(),
            by: lastSync.actorLabel,
            created: lastSync.action === "catalog.server.create",
          }
        : null,
    },
    coverage: server.tools.map((t, i) => {
      const r = coverage.results[i];
      return {
        tool: t.name,
        action: t.action,
        risk: t.risk,
        decision: r?.decision ?? "DENY",
        outcome: r?.outcome ?? "DENY",
        rule_id: r?.rule_id ?? null,
        reason: r?.reason ?? "no_policy_published",
      };
    }),
    policy: coverage.results[0]?.policy ?? null,
    recent_decisions: recentDecisions,
    agent_names: Object.fromEntries(agents.map((a) => [a.clientId, a.name])),
  };
}
export type ServerOverview = Awaited<ReturnType<typeof serverOverview>>;
