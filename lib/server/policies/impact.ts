import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/policy";
import type { SimulateBody } from "@/lib/schemas/policies";
import { simulate, type SimulationResult } from "./simulate";

export interface ImpactReport {
  total: number;
  changed: number;
  baseline: { version: number | null; hash: string } | null;
  transitions: { from: string; to: string; count: number }[];
  by_rule: { rule_id: string | null; changed: number }[];
  examples: {
    call: SimulateBody["calls"][number];
    before: Pick<SimulationResult, "outcome" | "rule_id" | "reason">;
    after: Pick<SimulationResult, "outcome" | "rule_id" | "reason">;
  }[];
}

/** How the draft would change the outcome of these calls compared with the live policy. */
export async function policyImpact(
  prisma: PrismaClient,
  environment: Environment,
  draft: string,
  calls: SimulateBody["calls"],
): Promise<ImpactReport> {
  const [before, after] = await Promise.all([
    simulate(prisma, environment, { calls }),
    simulate(prisma, environment, { calls, policy: draft }),
  ]);
  const transitions = new Map<string, number>();
  const byRule = new Map<string | null, number>();
  const examples: ImpactReport["examples"] = [];
  let changed = 0;
  calls.forEach((call, i) => {
    const b = before.results[i];
    const a = after.results[i];
    if (b.outcome === a.outcome) return;
    changed += 1;
    const key = `${b.outcome}\u0000${a.outcome}`;
    transitions.set(key, (transitions.get(key) ?? 0) + 1);
    const rule = a.rule_id ?? b.rule_id;
    byRule.set(rule, (byRule.get(rule) ?? 0) + 1);
    if (examples.length < 20) examples.push({ call, before: pickR(b), after: pickR(a) });
  });
  return {
    total: calls.length,
    changed,
    baseline: before.results[0]?.policy ?? null,
    transitions: [...transitions]
      .map(([k, count]) => ({ from: k.split("\u0000")[0], to: k.split("\u0000")[1], count }))
      .sort((x, y) => y.count - x.count),
    by_rule: [...byRule].map(([rule_id, n]) => ({ rule_id, changed: n })).sort((x, y) => y.changed - x.changed),
    examples,
  };
}

function pickR(r: SimulationResult) {
  return { outcome: r.outcome, rule_id: r.rule_id, reason: r.reason };
}

export const REPLAY_LIMIT = 10_000;

/**
 * The audited calls of the last `days` days, as simulator calls (most recent first, at most
 * REPLAY_LIMIT). Arguments are the stored, masked ones: a rule matching a masked value can
 * replay differently from the live call, which the report says.
 */
export async function auditedCalls(
  prisma: PrismaClient,
  environment: Environment,
  days: number,
): Promise<SimulateBody["calls"]> {
  const rows = await prisma.decisionRecord.findMany({
    where: { environment, at: { gte: new Date(Date.now() - days * 86_400_000) }, action: { not: null } },
    orderBy: { seq: "desc" },
    take: REPLAY_LIMIT,
    select: { server: true, tool: true, action: true, risk: true, clientId: true, arguments: true },
  });
  return rows.map((r) => ({
    server: r.server,
    tool: r.tool,
    action: r.action as "read" | "write" | "admin",
    risk: (r.risk ?? "medium") as "low" | "medium" | "high",
    agent: r.clientId,
    arguments: r.arguments ?? {},
  }));
}

/** Decisions per winning rule over the last `days` days, for the rules list. */
export async function ruleHits(prisma: PrismaClient, environment: Environment, days: number) {
  const rows = await prisma.$queryRawUnsafe<{ rule_id: string | null; outcome: string; n: number }[]>(
    `SELECT "ruleId" AS rule_id, outcome, count(*)::int AS n FROM decisions WHERE environment = $1::"Environment" AND at >= $2 GROUP BY 1, 2`,
    environment,
    new Date(Date.now() - days * 86_400_000),
  );
  const hits: Record<string, { total: number; by_outcome: Record<string, number> }> = {};
  for (const r of rows) {
    const key = r.rule_id ?? "(no rule)";
    hits[key] ??= { total: 0, by_outcome: {} };
    hits[key].total += Number(r.n);
    hits[key].by_outcome[r.outcome] = Number(r.n);
  }
  return { days, hits };
}
