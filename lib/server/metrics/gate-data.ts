import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  BASELINE_DAYS,
  emptyMinute,
  type ApprovalSpan,
  type GateInputs,
  type MetricName,
  type MinuteAggregate,
} from "@/lib/metrics/gates";
import { bucketValue } from "@/lib/metrics/histogram";
import { MINUTE_MS } from "@/lib/metrics/windows";

/** Up to this many results in a span, p95 is computed exactly from tool_results; above it, from the histogram rollups (±0.6 %). */
export const EXACT_LATENCY_LIMIT = 20_000;

type Need = "decisions" | "auth" | "results" | "latency" | "approvals" | "baseline";

const NEEDS: Record<MetricName, Need[]> = {
  "auth-failure-rate-basis-points": ["auth", "decisions"],
  "unapproved-high-risk-writes": ["results"],
  "approval-queue-p50-minutes": ["approvals"],
  "tool-call-p95-ms": ["results", "latency"],
  "output-quarantine-ratio-basis-points": ["results"],
  "deny-rate-baseline-percent": ["decisions", "baseline"],
};

export interface LoadSpan {
  environment: string;
  /** [from, to) in ms, minute-aligned. */
  from: number;
  to: number;
  now: number;
  /** Start of the deny-anomaly window; the baseline is the 7 days before it. */
  denyWindowStart?: number;
  /** Always read latency from the histogram rollups (dashboards over long ranges). */
  histogramOnly?: boolean;
  /**
   * How finely to keep time: per minute (default, what sustained conditions need), in bins of
   * N minutes (dashboard trends), or "window" — everything attributed to `from`, for one value
   * over the whole span (a plain-integer metric), so the database returns one row per group.
   */
  grain?: "minute" | "window" | { binMinutes: number };
}

function timeExpr(column: string, grain: LoadSpan["grain"]): string {
  if (!grain || grain === "minute") return column === "at" ? "date_trunc('minute', at)" : column;
  if (grain === "window") return "$2::timestamptz";
  return `date_bin('${Math.max(1, Math.floor(grain.binMinutes))} minutes'::interval, ${column}, TIMESTAMPTZ '2000-01-01 00:00:00+00')`;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** The per-minute aggregates and approval spans the gate maths needs for these metrics. */
export async function loadGateInputs(
  prisma: PrismaClient,
  metrics: readonly MetricName[],
  span: LoadSpan,
): Promise<GateInputs> {
  const needs = new Set(metrics.flatMap((m) => NEEDS[m]));
  const minutes = new Map<number, MinuteAggregate>();
  const minute = (d: Date | string) => {
    const t = new Date(d).getTime();
    let a = minutes.get(t);
    if (!a) minutes.set(t, (a = emptyMinute()));
    return a;
  };
  const env = span.environment;
  const from = new Date(span.from);
  const to = new Date(span.to);
  const inputs: GateInputs = { minutes, approvals: [], denyBaseline: { decisions: 0, denies: 0 } };
  const t = timeExpr("minute", span.grain);

  if (needs.has("decisions")) {
    const rows = await prisma.$queryRawUnsafe<{ minute: Date; total: number; denies: number }[]>(
      `SELECT ${t} AS minute, sum(count)::float8 AS total, coalesce(sum(count) FILTER (WHERE outcome = 'DENY'), 0)::float8 AS denies
       FROM metric_decision_rollups WHERE environment = $1::"Environment" AND minute >= $2 AND minute < $3 GROUP BY 1`,
      env,
      from,
      to,
    );
    for (const r of rows) Object.assign(minute(r.minute), { decisions: num(r.total), denies: num(r.denies) });
  }
  if (needs.has("auth")) {
    const rows = await prisma.$queryRawUnsafe<{ minute: Date; n: number }[]>(
      `SELECT ${t} AS minute, sum(count)::float8 AS n FROM metric_auth_failure_rollups WHERE environment = $1 AND minute >= $2 AND minute < $3 GROUP BY 1`,
      env,
      from,
      to,
    );
    for (const r of rows) minute(r.minute).authFailures = num(r.n);
  }
  let resultCount = 0;
  if (needs.has("results")) {
    const rows = await prisma.$queryRawUnsafe<{ minute: Date; n: number; q: number; u: number }[]>(
      `SELECT ${t} AS minute, sum(count)::float8 AS n, sum(quarantined)::float8 AS q, sum("unapprovedHighRisk")::float8 AS u
       FROM metric_result_rollups WHERE environment = $1::"Environment" AND minute >= $2 AND minute < $3 GROUP BY 1`,
      env,
      from,
      to,
    );
    for (const r of rows) {
      Object.assign(minute(r.minute), { results: num(r.n), quarantined: num(r.q), unapprovedHighRisk: num(r.u) });
      resultCount += num(r.n);
    }
  }
  if (needs.has("latency") && resultCount > 0) {
    if (!span.histogramOnly && resultCount <= EXACT_LATENCY_LIMIT) {
      const rows = await prisma.$queryRawUnsafe<{ minute: Date; v: number; n: number }[]>(
        `SELECT ${timeExpr("at", span.grain)} AS minute, "durationMs"::float8 AS v, count(*)::float8 AS n
         FROM tool_results WHERE environment = $1::"Environment" AND at >= $2 AND at < $3 GROUP BY 1, 2`,
        env,
        from,
        to,
      );
      for (const r of rows) minute(r.minute).latency.push([num(r.v), num(r.n)]);
    } else {
      const rows = await prisma.$queryRawUnsafe<{ minute: Date; bucket: number; n: number }[]>(
        `SELECT ${t} AS minute, bucket, sum(count)::float8 AS n FROM metric_latency_rollups
         WHERE environment = $1::"Environment" AND minute >= $2 AND minute < $3 GROUP BY 1, 2`,
        env,
        from,
        to,
      );
      for (const r of rows) minute(r.minute).latency.push([bucketValue(num(r.bucket)), num(r.n)]);
    }
  }
  if (needs.has("approvals")) inputs.approvals = await loadApprovalSpans(prisma, env, span.from, span.to, span.now);
  if (needs.has("baseline") && span.denyWindowStart !== undefined) {
    const [row] = await prisma.$queryRawUnsafe<{ total: number | null; denies: number | null }[]>(
      `SELECT sum(count)::float8 AS total, coalesce(sum(count) FILTER (WHERE outcome = 'DENY'), 0)::float8 AS denies
       FROM metric_decision_rollups WHERE environment = $1::"Environment" AND minute >= $2 AND minute < $3`,
      env,
      new Date(span.denyWindowStart - BASELINE_DAYS * 24 * 60 * MINUTE_MS),
      new Date(span.denyWindowStart),
    );
    inputs.denyBaseline = { decisions: num(row?.total), denies: num(row?.denies) };
  }
  return inputs;
}

/**
 * Approvals that were in the queue at some point of [from, to): their creation and the
 * moment they left it (decided, or expired even if the sweeper has not marked them yet).
 * Voided approvals are left out: a newer policy replaced them with a fresh request.
 */
export async function loadApprovalSpans(
  prisma: PrismaClient,
  environment: string,
  from: number,
  to: number,
  now: number,
): Promise<ApprovalSpan[]> {
  const rows = await prisma.$queryRawUnsafe<
    { createdAt: Date; decidedAt: Date | null; expiresAt: Date; status: string }[]
  >(
    `SELECT "createdAt", "decidedAt", "expiresAt", status::text AS status FROM approvals
     WHERE environment = $1::"Environment" AND status <> 'VOIDED' AND "createdAt" < $3
       AND ("decidedAt" IS NULL OR "decidedAt" >= $2)`,
    environment,
    new Date(from),
    new Date(to),
  );
  return rows
    .map((r) => {
      const created = new Date(r.createdAt).getTime();
      const decided = r.decidedAt ? new Date(r.decidedAt).getTime() : null;
      const expires = new Date(r.expiresAt).getTime();
      return { createdAt: created, endedAt: decided ?? (expires <= now ? expires : null) };
    })
    .filter((a) => a.endedAt === null || a.endedAt >= from);
}
