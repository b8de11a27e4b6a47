import "server-only";
import { clockTime, listNames, plural } from "@/lib/readiness/checklist";
import { computeMetric } from "../../metrics/evaluate-gates";
import { checkResult, windowText, type Check } from "../context";

/**
 * no-unapproved-writes: the gate's own metric (computeMetric, the number /api/metrics answers)
 * over the checklist's window; the offending executions are named from tool_results.
 */
export const noUnapprovedWritesCheck: Check = async (ctx) => {
  const count = await computeMetric(
    ctx.prisma,
    ctx.environment,
    "unapproved-high-risk-writes",
    ctx.windowMinutes,
    ctx.now.getTime(),
  );
  const span = windowText(ctx.windowMinutes);
  if (count === null)
    return checkResult(
      ctx,
      "no-unapproved-writes",
      "NO_DATA",
      `No tool execution was reported in ${ctx.environment} in ${span}, so there is nothing to judge.`,
    );
  if (count === 0) {
    const [row] = await ctx.prisma.$queryRawUnsafe<{ results: number; writes: number }[]>(
      `SELECT count(*)::int AS results, count(*) FILTER (WHERE "highRiskWrite")::int AS writes FROM tool_results WHERE environment = $1::"Environment" AND at >= $2 AND at < $3`,
      ctx.environment,
      ctx.from,
      ctx.to,
    );
    return checkResult(
      ctx,
      "no-unapproved-writes",
      "PASS",
      `0 unapproved high-risk writes in ${span}: ${plural(Number(row?.writes ?? 0), "high-risk write")} among ${plural(Number(row?.results ?? 0), "reported execution")}, none executed without an allowing decision.`,
      [
        {
          unapproved_high_risk_writes: 0,
          results: Number(row?.results ?? 0),
          high_risk_writes: Number(row?.writes ?? 0),
        },
      ],
    );
  }
  const rows = await ctx.prisma.toolResult.findMany({
    where: { environment: ctx.environment, unapproved: true, highRiskWrite: true, at: { gte: ctx.from, lt: ctx.to } },
    orderBy: { at: "desc" },
    take: 20,
    select: { decisionId: true, at: true, clientId: true, server: true, tool: true },
  });
  const named = rows.map((r) => `${r.server}.${r.tool} by ${r.clientId} at ${clockTime(r.at)}`);
  return checkResult(
    ctx,
    "no-unapproved-writes",
    "FAIL",
    `${plural(count, "unapproved high-risk write")} in ${span}: ${listNames(named, 2)}.`,
    rows.map((r) => ({
      decision_id: r.decisionId,
      at: r.at.toISOString(),
      agent: r.clientId,
      server: r.server,
      tool: r.tool,
      url: `/audit/decisions/${r.decisionId}`,
    })),
  );
};
