import "server-only";
import { bucketValue, percentile, type Weighted } from "@/lib/metrics/histogram";
import { listNames, plural } from "@/lib/readiness/checklist";
import { type Check, type CheckContext, checkResult, windowText } from "../context";

interface Group {
  server: string;
  action: string;
  decisions: number;
  counted_decisions: number;
  denies: number;
  results: number;
  counted_latencies: number;
  p95_ms: number | null;
  deny_rate_pct: number | null;
}

const label = (g: Pick<Group, "server" | "action">) => `${g.server}·${g.action || "unknown"}`;

/**
 * metrics: the per-minute rollups behind the dashboards' p95 latency and denial rate by server and
 * action hold every decision and every reported result of the window. The rollups are written in
 * the same transaction as the rows they count, so any difference means they are not recorded.
 */
export const metricsCheck: Check = async (ctx) => {
  const list = countedGroups(await readCounts(ctx));
  const totalDecisions = list.reduce((n, g) => n + g.decisions, 0);
  const totalResults = list.reduce((n, g) => n + g.results, 0);
  const span = windowText(ctx.windowMinutes);
  if (
    totalDecisions === 0 &&
    totalResults === 0 &&
    list.every((g) => g.counted_decisions === 0 && g.counted_latencies === 0)
  ) {
    return checkResult(
      ctx,
      "metrics",
      "NO_DATA",
      `No call was decided in ${ctx.environment} in ${span}, so no metric could be recorded.`,
    );
  }
  const missing = list.filter((g) => g.decisions !== g.counted_decisions || g.results !== g.counted_latencies);
  if (missing.length) {
    const named = missing.map((g) =>
      g.decisions !== g.counted_decisions
        ? `${label(g)}: ${g.counted_decisions} of ${g.decisions} decisions counted`
        : `${label(g)}: ${g.counted_latencies} of ${g.results} latencies counted`,
    );
    return checkResult(
      ctx,
      "metrics",
      "FAIL",
      `The metric rollups miss calls in ${span}: ${listNames(named, 2)}.`,
      list,
    );
  }
  if (totalResults === 0) {
    return checkResult(
      ctx,
      "metrics",
      "NO_DATA",
      `Denial rate is recorded for ${plural(list.length, "server/action pair")} (${plural(totalDecisions, "decision")}), but no agent reported a tool result in ${span}, so there is no p95 latency yet.`,
      list,
    );
  }
  const top = list
    .filter((g) => g.results > 0)
    .slice(0, 3)
    .map((g) => `${label(g)} p95 ${g.p95_ms} ms, ${g.deny_rate_pct ?? 0} % denied`);
  return checkResult(
    ctx,
    "metrics",
    "PASS",
    `p95 latency and denial rate are recorded for ${plural(list.length, "server/action pair")} in ${span} (${plural(totalDecisions, "decision")}, ${plural(totalResults, "result")}, all counted): ${listNames(top)}.`,
    list,
  );
};

/** Decisions and results as stored, and as the rollups count them, by server and action: read in one snapshot. */
async function readCounts(ctx: CheckContext) {
  const args = [ctx.environment, ctx.from, ctx.to] as const;
  const q = <T>(sql: string) => ctx.prisma.$queryRawUnsafe<T[]>(sql, ...args);
  // One snapshot: a decision and its rollup commit together, so separate reads under live traffic could disagree.
  const [decisions, decisionRollups, results, latency] = await ctx.prisma.$transaction(
    [
      q<{ server: string; action: string; n: number; denies: number }>(
        `SELECT server, coalesce(action, '') AS action, count(*)::int AS n, count(*) FILTER (WHERE outcome = 'DENY')::int AS denies
       FROM decisions WHERE environment = $1::"Environment" AND at >= $2 AND at < $3 GROUP BY 1, 2`,
      ),
      q<{ server: string; action: string; n: number; denies: number }>(
        `SELECT server, action, sum(count)::int AS n, coalesce(sum(count) FILTER (WHERE outcome = 'DENY'), 0)::int AS denies
       FROM metric_decision_rollups WHERE environment = $1::"Environment" AND minute >= $2 AND minute < $3 GROUP BY 1, 2`,
      ),
      q<{ server: string; action: string; n: number }>(
        `SELECT server, coalesce(action, '') AS action, count(*)::int AS n FROM tool_results WHERE environment = $1::"Environment" AND at >= $2 AND at < $3 GROUP BY 1, 2`,
      ),
      q<{ server: string; action: string; bucket: number; n: number }>(
        `SELECT server, action, bucket, sum(count)::int AS n FROM metric_latency_rollups WHERE environment = $1::"Environment" AND minute >= $2 AND minute < $3 GROUP BY 1, 2, 3`,
      ),
    ],
    { isolationLevel: "RepeatableRead" },
  );
  return { decisions, decisionRollups, results, latency };
}

/** One row per server and action: stored against counted, p95 latency and denial rate; the busiest first. */
function countedGroups({ decisions, decisionRollups, results, latency }: Awaited<ReturnType<typeof readCounts>>) {
  const groups = new Map<string, Group & { hist: Weighted[] }>();
  const group = (server: string, action: string) => {
    const key = `${server}\u0000${action}`;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = {
          server,
          action,
          decisions: 0,
          counted_decisions: 0,
          denies: 0,
          results: 0,
          counted_latencies: 0,
          p95_ms: null,
          deny_rate_pct: null,
          hist: [],
        }),
      );
    return g;
  };
  for (const r of decisions) group(r.server, r.action).decisions += Number(r.n);
  for (const r of decisionRollups)
    Object.assign(group(r.server, r.action), { counted_decisions: Number(r.n), denies: Number(r.denies) });
  for (const r of results) group(r.server, r.action).results += Number(r.n);
  for (const r of latency) {
    const g = group(r.server, r.action);
    g.counted_latencies += Number(r.n);
    g.hist.push([bucketValue(Number(r.bucket)), Number(r.n)]);
  }
  const list = [...groups.values()].map(({ hist, ...g }) => ({
    ...g,
    p95_ms: percentile(hist, 0.95),
    deny_rate_pct: g.counted_decisions ? Math.round((1000 * g.denies) / g.counted_decisions) / 10 : null,
  }));
  return list.sort((a, b) => b.decisions - a.decisions || label(a).localeCompare(label(b)));
}
