import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export const RELAX_CANDIDATE_RATE = 0.95;
export const RELAX_MIN_DECIDED = 10;

interface Row {
  key: string | null;
  decided: number;
  p50_min: number | null;
  p90_min: number | null;
}

const DECIDED = `status IN ('APPROVED', 'CONSUMED', 'DENIED') AND "decidedAt" IS NOT NULL`;

async function timeToDecide(prisma: PrismaClient, keyExpr: string, since: Date): Promise<Row[]> {
  const rows = await prisma.$queryRawUnsafe<Row[]>(
    `SELECT ${keyExpr} AS key, count(*)::int AS decided,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "decidedAt" - "createdAt") / 60) AS p50_min,
            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM "decidedAt" - "createdAt") / 60) AS p90_min
       FROM approvals WHERE "createdAt" >= $1 AND ${DECIDED} GROUP BY 1 ORDER BY 2 DESC LIMIT 50`,
    since,
  );
  return rows.map((r) => ({
    key: r.key,
    decided: Number(r.decided),
    p50_min: round(r.p50_min),
    p90_min: round(r.p90_min),
  }));
}

/** To 0.01 min (0.6 s): quick queues are shown in seconds, so 0.1 min (6 s) steps were too coarse. */
function round(v: number | null): number | null {
  return v === null ? null : Math.round(Number(v) * 100) / 100;
}

/**
 * For the Ops Lead: how long approvals take (median and p90) by rule, server, approver group,
 * channel (console, Slack, e-mail, MCP) and hour of day; approval rates per rule, flagging rules
 * approved nearly always as candidates to relax (the seed's risk-taxonomy tuning); timeouts and escalations.
 */
export async function approvalInsights(prisma: PrismaClient, days: number, now = new Date()) {
  const since = new Date(now.getTime() - days * 86_400_000);
  const [byRule, byServer, byGroup, byChannel, byHour, rates, counts] = await Promise.all([
    timeToDecide(prisma, `coalesce("ruleId", '(none)')`, since),
    timeToDecide(prisma, `server`, since),
    timeToDecide(prisma, `coalesce("approverGroup", 'any approver')`, since),
    // Decisions made before channels were recorded were all made in the console.
    timeToDecide(prisma, `coalesce("decidedChannel", 'console')`, since),
    timeToDecide(prisma, `lpad(extract(hour FROM "createdAt")::int::text, 2, '0')`, since),
    prisma.$queryRawUnsafe<{ rule_id: string | null; approved: number; denied: number; expired: number }[]>(
      `SELECT "ruleId" AS rule_id,
              count(*) FILTER (WHERE status IN ('APPROVED', 'CONSUMED'))::int AS approved,
              count(*) FILTER (WHERE status = 'DENIED')::int AS denied,
              count(*) FILTER (WHERE status = 'EXPIRED')::int AS expired
         FROM approvals WHERE "createdAt" >= $1 GROUP BY 1 ORDER BY 2 DESC`,
      since,
    ),
    prisma.$queryRawUnsafe<{ total: number; expired: number; escalated: number; pending: number }[]>(
      `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'EXPIRED')::int AS expired,
              count(*) FILTER (WHERE "escalatedAt" IS NOT NULL)::int AS escalated, count(*) FILTER (WHERE status = 'PENDING')::int AS pending
         FROM approvals WHERE "createdAt" >= $1`,
      since,
    ),
  ]);
  return {
    days,
    totals: {
      total: Number(counts[0]?.total ?? 0),
      timeouts: Number(counts[0]?.expired ?? 0),
      escalations: Number(counts[0]?.escalated ?? 0),
      pending: Number(counts[0]?.pending ?? 0),
    },
    time_to_decide: {
      by_rule: byRule,
      by_server: byServer,
      by_group: byGroup,
      by_channel: byChannel,
      by_hour: byHour.sort((a, b) => String(a.key).localeCompare(String(b.key))),
    },
    approval_rate: rates.map((r) => {
      const decided = Number(r.approved) + Number(r.denied);
      const rate = decided ? Number(r.approved) / decided : null;
      return {
        rule_id: r.rule_id,
        approved: Number(r.approved),
        denied: Number(r.denied),
        timeouts: Number(r.expired),
        rate,
        relax_candidate: rate !== null && decided >= RELAX_MIN_DECIDED && rate > RELAX_CANDIDATE_RATE,
      };
    }),
  };
}
