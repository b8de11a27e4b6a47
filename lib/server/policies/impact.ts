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
  examples: { call: SimulateBody["calls"][number]; before: Pick<SimulationResult, "outcome" | "rule_id" | "reason">; after: Pick<SimulationResult, "outcome" | "rule_id" | "reason"> }[];
}

/** How the draft would change the outcome of these calls compared with the live policy. */
export async function policyImpact(prisma: PrismaClient, environment: Environment, draft: string, calls: SimulateBody["calls"]): Promise<ImpactReport> {
  const [before, after] = await Promise.all([simulate(prisma, environment, { calls }), simulate(prisma, environment, { calls, policy: draft })]);
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
    transitions: [...transitions].map(([k, count]) => ({ from: k.split("\u0000")[0], to: k.split("\u0000")[1], count })).sort((x, y) => y.count - x.count),
    by_rule: [...byRule].map(([rule_id, n]) => ({ rule_id, changed: n })).sort((x, y) => y.changed - x.changed),
    examples,
  };
}

function pickR(r: SimulationResult) {
  return { outcome: r.outcome, rule_id: r.rule_id, reason: r.reason };
}
