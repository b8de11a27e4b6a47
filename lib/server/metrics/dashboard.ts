import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { rawMetric, roundMetric } from "@/lib/metrics/gates";
import { bucketValue, percentile, type Weighted } from "@/lib/metrics/histogram";
import { MINUTE_MS, windowBounds } from "@/lib/metrics/windows";
import type { DASHBOARD_RANGES } from "@/lib/schemas/metrics";
import { readinessEvidence, verdictOf } from "../readiness/report";
import { ENVIRONMENTS, gateReportJson } from "./evaluate-gates";
import { loadGateDefinitions } from "./gate-settings";
import { loadGateInputs } from "./gate-data";

type Range = (typeof DASHBOARD_RANGES)[number];
const RANGES: Record<Range, { minutes: number; bucket: number }> = {
  "15m": { minutes: 15, bucket: 1 },
  "1h": { minutes: 60, bucket: 1 },
  "6h": { minutes: 360, bucket: 5 },
  "24h": { minutes: 1440, bucket: 15 },
  "7d": { minutes: 10080, bucket: 120 },
};

const ORIGIN = "TIMESTAMPTZ '2000-01-01 00:00:00+00'";
const n = (v: unknown) => Number(v ?? 0);

/** Everything the readiness dashboard shows for one environment over one range. */
export async function dashboardData(prisma: PrismaClient, environment: Environment, range: Range, now = Date.now()) {
  const { minutes, bucket } = RANGES[range];
  const bucketMs = bucket * MINUTE_MS;
  const end = windowBounds(now, 1).end;
  const from = Math.floor((end - minutes * MINUTE_MS) / bucketMs) * bucketMs;
  const times: number[] = [];
  for (let t = from; t < end; t += bucketMs) times.push(t);

  // Every environment's tile carries the one verdict over gates and checklist, like every other surface.
  const [evidence, hasTraffic, defs] = await Promise.all([
    Promise.all(ENVIRONMENTS.map((e) => readinessEvidence(prisma, e, { now: new Date(now), recordGates: true }))),
    prisma
      .$queryRawUnsafe<{ one: number }[]>(`SELECT 1 AS one FROM metric_decision_rollups LIMIT 1`)
      .then((r) => r.length > 0),
    loadGateDefinitions(prisma),
  ]);
  const verdicts = evidence.map((e) => verdictOf(e));
  const selected = evidence.findIndex((e) => e.environment === environment);
  const report = evidence[selected].gates;
  const verdict = verdicts[selected];

  const rows = await rollupRows(prisma, environment, bucket, from, end, now);
  const inputs = await loadGateInputs(
    prisma,
    defs.map((d) => d.metric),
    { environment, from, to: end, now, denyWindowStart: from, histogramOnly: true, grain: { binMinutes: bucket } },
  );
  const servers = [...new Set([...rows.calls.map((c) => c.server), ...rows.latency.map((l) => l.server)])].sort();
  const series = seriesOf(rows, servers, times, (t) =>
    rawMetric("approval-queue-p50-minutes", inputs, t, t + bucketMs, now),
  );
  const gates = gateReportJson(report).gates.map((g) => ({
    ...g,
    sparkline: times.map((t) => {
      const v = rawMetric(g.metric, inputs, t, t + bucketMs, now);
      return v === null ? null : roundMetric(v);
    }),
  }));

  return {
    environment,
    range,
    bucket_minutes: bucket,
    evaluated_at: report.evaluatedAt,
    has_traffic: hasTraffic,
    environments: verdicts.map((v) => ({
      environment: v.environment as Environment,
      verdict: v.verdict,
      since: v.since,
      blocking: v.blockers.map((b) => b.title),
      no_data: v.missing.length,
    })),
    verdict: verdict.verdict,
    verdict_since: verdict.since,
    gates_verdict: report.verdict,
    gates,
    servers,
    series,
    by_server_action: actionTable(rows),
    totals: {
      calls: series.reduce((s, p) => s + Number(p.calls), 0),
      denies: series.reduce((s, p) => s + Number(p.denies), 0),
      results: series.reduce((s, p) => s + Number(p.results), 0),
      pending_approvals: n(rows.pending?.n),
    },
  };
}

/** The rollup rows of the range, binned by `bucket` minutes, and the approvals waiting now. */
async function rollupRows(
  prisma: PrismaClient,
  environment: Environment,
  bucket: number,
  from: number,
  end: number,
  now: number,
) {
  const bin = `date_bin('${bucket} minutes'::interval, minute, ${ORIGIN})`;
  const args = [environment, new Date(from), new Date(end)] as const;
  const calls = await prisma.$queryRawUnsafe<{ t: Date; server: string; total: number; denies: number }[]>(
    `SELECT ${bin} AS t, server, sum(count)::float8 AS total, coalesce(sum(count) FILTER (WHERE outcome = 'DENY'), 0)::float8 AS denies
     FROM metric_decision_rollups WHERE environment = $1::"Environment" AND minute >= $2 AND minute < $3 GROUP BY 1, 2`,
    ...args,
  );
  const byAction = await prisma.$queryRawUnsafe<{ server: string; action: string; total: number; denies: number }[]>(
    `SELECT server, action, sum(count)::float8 AS total, coalesce(sum(count) FILTER (WHERE outcome = 'DENY'), 0)::float8 AS denies
     FROM metric_decision_rollups WHERE environment = $1::"Environment" AND minute >= $2 AND minute < $3 GROUP BY 1, 2`,
    ...args,
  );
  const latency = await prisma.$queryRawUnsafe<
    { t: Date; server: string; action: string; bucket: number; count: number }[]
  >(
    `SELECT ${bin} AS t, server, action, bucket, sum(count)::float8 AS count
     FROM metric_latency_rollups WHERE environment = $1::"Environment" AND minute >= $2 AND minute < $3 GROUP BY 1, 2, 3, 4`,
    ...args,
  );
  const results = await prisma.$queryRawUnsafe<{ t: Date; total: number; quarantined: number; redacted: number }[]>(
    `SELECT ${bin} AS t, sum(count)::float8 AS total, sum(quarantined)::float8 AS quarantined, sum(redacted)::float8 AS redacted
     FROM metric_result_rollups WHERE environment = $1::"Environment" AND minute >= $2 AND minute < $3 GROUP BY 1`,
    ...args,
  );
  const ended = await prisma.$queryRawUnsafe<{ t: Date; total: number; expired: number }[]>(
    `SELECT date_bin('${bucket} minutes'::interval, "decidedAt", ${ORIGIN}) AS t, count(*)::float8 AS total, count(*) FILTER (WHERE status = 'EXPIRED')::float8 AS expired
     FROM approvals WHERE environment = $1::"Environment" AND "decidedAt" >= $2 AND "decidedAt" < $3 GROUP BY 1`,
    ...args,
  );
  const [pending] = await prisma.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::float8 AS n FROM approvals WHERE environment = $1::"Environment" AND status = 'PENDING' AND "expiresAt" > $2`,
    environment,
    new Date(now),
  );
  return { calls, byAction, latency, results, ended, pending };
}
type RollupRows = Awaited<ReturnType<typeof rollupRows>>;

const at = (t: Date) => new Date(t).getTime();
function byTime<T extends { t: Date }>(rows: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of rows) {
    const list = m.get(at(r.t));
    if (list) list.push(r);
    else m.set(at(r.t), [r]);
  }
  return m;
}

/** One chart point per bucket: calls and denies, results and quarantines, queue p50, timeouts, per-server p95. */
function seriesOf(rows: RollupRows, servers: string[], times: number[], queueP50: (t: number) => number | null) {
  const callsAt = byTime(rows.calls);
  const latencyAt = byTime(rows.latency);
  const resultsAt = byTime(rows.results);
  const endedAt = byTime(rows.ended);
  return times.map((t) => {
    const c = callsAt.get(t) ?? [];
    const total = c.reduce((s, r) => s + n(r.total), 0);
    const denies = c.reduce((s, r) => s + n(r.denies), 0);
    const res = resultsAt.get(t)?.[0];
    const end_ = endedAt.get(t)?.[0];
    const lat = latencyAt.get(t) ?? [];
    const p50 = queueP50(t);
    const point: Record<string, number | string | null> = {
      t: new Date(t).toISOString(),
      calls: total,
      denies,
      deny_rate_pct: total ? round1((100 * denies) / total) : null,
      results: n(res?.total),
      quarantine_pct: res && n(res.total) ? round2((100 * n(res.quarantined)) / n(res.total)) : null,
      queue_p50_min: p50 === null ? null : round1(p50),
      timeout_rate_pct: end_ && n(end_.total) ? round1((100 * n(end_.expired)) / n(end_.total)) : null,
    };
    for (const s of servers) {
      point[`calls:${s}`] = n(c.find((r) => r.server === s)?.total);
      const samples: Weighted[] = lat.filter((l) => l.server === s).map((l) => [bucketValue(n(l.bucket)), n(l.count)]);
      point[`p95:${s}`] = percentile(samples, 0.95);
    }
    return point;
  });
}

/** Calls, denies and p95 latency per server and action over the whole range, busiest first. */
function actionTable(rows: RollupRows) {
  const latencyByAction = new Map<string, Weighted[]>();
  for (const l of rows.latency) {
    const k = `${l.server}\u0000${l.action}`;
    const list = latencyByAction.get(k) ?? [];
    list.push([bucketValue(n(l.bucket)), n(l.count)]);
    latencyByAction.set(k, list);
  }
  return rows.byAction
    .map((r) => {
      const samples = latencyByAction.get(`${r.server}\u0000${r.action}`) ?? [];
      return {
        server: r.server,
        action: r.action || "unknown",
        calls: n(r.total),
        denies: n(r.denies),
        deny_rate_pct: n(r.total) ? round1((100 * n(r.denies)) / n(r.total)) : 0,
        p95_ms: percentile(samples, 0.95),
      };
    })
    .sort((a, b) => b.calls - a.calls);
}

export type DashboardData = Awaited<ReturnType<typeof dashboardData>>;

function round1(v: number) {
  return Math.round(v * 10) / 10;
}
function round2(v: number) {
  return Math.round(v * 100) / 100;
}
