import "server-only";
import { processSingleton } from "../../singleton";
import { chainHash } from "@/lib/audit/chain";
import { clockTime, listNames, plural } from "@/lib/readiness/checklist";
import { decisionHashFields } from "../../audit-search/verify";
import { checkResult, windowText, type Check, type CheckContext } from "../context";

const OUTCOME_OF: Record<string, string[]> = {
  ALLOW: ["ALLOW", "CONSTRAINTS"],
  REQUIRE_APPROVAL: ["APPROVAL"],
  DENY: ["DENY"],
};
const PAGE = 2_000;

interface ChainSegment {
  ok: boolean;
  checked: number;
  /** Incremental runs: where the earlier, still-valid verification ended, and when it ran. */
  resumedAt?: { seq: string; at: string };
  break?: { seq: string; id: string; problem: "prev_hash_mismatch" | "hash_mismatch" };
}

interface Checkpoint {
  fromSeq: bigint;
  lastSeq: bigint;
  lastHash: string;
  at: number;
}

// Per database client: the decision chain is append-only, so a page view only needs to check what was appended since.
const checkpoints = processSingleton("readinessChain", () => new WeakMap<object, Checkpoint>());

/**
 * The decision chain from the environment's first decision in the window to the head: each row's
 * hash recomputes and links to the row before. The chain is shared by every environment, so the
 * segment covers their rows too; what lies before the window is GET /api/v1/audit/verify's job.
 * `incremental` (page views) resumes after this process's last verification when it still covers
 * the window's start and its last row is unchanged; runs (scheduled or on demand) verify it all.
 */
export async function verifyDecisionSegment(ctx: CheckContext, incremental = false): Promise<ChainSegment> {
  const first = await ctx.prisma.decisionRecord.findFirst({
    where: { environment: ctx.environment, at: { gte: ctx.from, lt: ctx.to } },
    orderBy: { seq: "asc" },
    select: { seq: true },
  });
  if (!first) return { ok: true, checked: 0 };
  let prev: string | null = null;
  let cursor = first.seq - 1n;
  let fromSeq = first.seq;
  let resumedAt: ChainSegment["resumedAt"];
  const cp = checkpoints.get(ctx.prisma);
  if (incremental && cp && cp.fromSeq <= first.seq) {
    const still = await ctx.prisma.decisionRecord.findUnique({ where: { seq: cp.lastSeq }, select: { hash: true } });
    if (still?.hash === cp.lastHash) {
      prev = cp.lastHash;
      cursor = cp.lastSeq;
      fromSeq = cp.fromSeq;
      resumedAt = { seq: String(cp.lastSeq), at: new Date(cp.at).toISOString() };
    }
  }
  let checked = 0;
  let lastSeq = cursor;
  for (;;) {
    const page = await ctx.prisma.decisionRecord.findMany({
      where: { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take: PAGE,
      omit: { response: true },
    });
    if (page.length === 0) break;
    for (const row of page) {
      if (prev !== null && row.prevHash !== prev)
        return {
          ok: false,
          checked,
          resumedAt,
          break: { seq: String(row.seq), id: row.id, problem: "prev_hash_mismatch" },
        };
      if (chainHash(row.prevHash, decisionHashFields(row)) !== row.hash)
        return { ok: false, checked, resumedAt, break: { seq: String(row.seq), id: row.id, problem: "hash_mismatch" } };
      prev = row.hash;
      lastSeq = row.seq;
      checked += 1;
    }
    cursor = page[page.length - 1].seq;
  }
  if (prev !== null)
    checkpoints.set(ctx.prisma, {
      fromSeq,
      lastSeq,
      lastHash: prev,
      at: resumedAt && checked === 0 ? Date.parse(resumedAt.at) : Date.now(),
    });
  return { ok: true, checked, resumedAt };
}

/**
 * decision-logged: every decision of the window carries one of the seed's four outcomes and the
 * one its decision implies; every reported execution has its decision; the chain verifies.
 */
export const decisionLoggedCheck: Check = async (ctx) => {
  const { prisma, environment, from, to } = ctx;
  const groups = await prisma.$queryRawUnsafe<{ decision: string; outcome: string; n: number }[]>(
    `SELECT decision, outcome, count(*)::int AS n FROM decisions WHERE environment = $1::"Environment" AND at >= $2 AND at < $3 GROUP BY 1, 2 ORDER BY 3 DESC`,
    environment,
    from,
    to,
  );
  const total = groups.reduce((n, g) => n + Number(g.n), 0);
  const [orphans] = await prisma.$queryRawUnsafe<{ n: number; example: string | null }[]>(
    `SELECT count(*)::int AS n, min(r."decisionId"::text) AS example FROM tool_results r LEFT JOIN decisions d ON d.id = r."decisionId"
     WHERE r.environment = $1::"Environment" AND r.at >= $2 AND r.at < $3 AND d.id IS NULL`,
    environment,
    from,
    to,
  );
  const unlogged = Number(orphans?.n ?? 0);
  if (total === 0 && unlogged === 0)
    return checkResult(
      ctx,
      "decision-logged",
      "NO_DATA",
      `No call was decided in ${environment} in ${windowText(ctx.windowMinutes)}.`,
    );

  const chain = await verifyDecisionSegment(ctx, ctx.chainVerification === "incremental");
  const byOutcome = new Map<string, number>();
  for (const g of groups) byOutcome.set(g.outcome, (byOutcome.get(g.outcome) ?? 0) + Number(g.n));
  const details: Record<string, unknown>[] = [
    ...groups.map((g) => ({
      decision: g.decision,
      outcome: g.outcome,
      calls: Number(g.n),
      ok: OUTCOME_OF[g.decision]?.includes(g.outcome) ?? false,
    })),
    {
      chain: "decisions",
      verified_rows: chain.checked,
      resumed_after: chain.resumedAt ?? null,
      ok: chain.ok,
      break: chain.break ?? null,
    },
    { executions_without_decision: unlogged, example_decision_id: orphans?.example ?? null },
  ];
  const badGroups = groups.filter((g) => !(OUTCOME_OF[g.decision]?.includes(g.outcome) ?? false));
  const failures: string[] = [];
  if (badGroups.length)
    failures.push(
      `${plural(
        badGroups.reduce((n, g) => n + Number(g.n), 0),
        "call",
      )} logged an outcome outside ALLOW/DENY/APPROVAL/CONSTRAINTS or not matching its decision (${listNames(badGroups.map((g) => `${g.decision} → ${g.outcome}`))})`,
    );
  if (unlogged)
    failures.push(
      `${plural(unlogged, "reported execution")} ha${unlogged === 1 ? "s" : "ve"} no logged decision (e.g. ${orphans?.example})`,
    );
  if (!chain.ok)
    failures.push(
      `the decision chain breaks at seq ${chain.break!.seq} (${chain.break!.problem.replace(/_/g, " ")}, decision ${chain.break!.id})`,
    );
  if (failures.length) return checkResult(ctx, "decision-logged", "FAIL", `${failures.join("; ")}.`, details);
  const mix = ["ALLOW", "CONSTRAINTS", "APPROVAL", "DENY"]
    .map((o) => `${(byOutcome.get(o) ?? 0).toLocaleString("en")} ${o}`)
    .join(", ");
  return checkResult(
    ctx,
    "decision-logged",
    "PASS",
    `${plural(total, "call")} in ${windowText(ctx.windowMinutes)} each logged one outcome (${mix}); the decision chain verifies${chain.resumedAt ? ` (${plural(chain.checked, "new row")} checked now, the rest up to seq ${chain.resumedAt.seq} at ${clockTime(chain.resumedAt.at)})` : ` over ${plural(chain.checked, "row")}`}.`,
    details,
  );
};
