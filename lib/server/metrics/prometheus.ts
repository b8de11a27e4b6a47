import "server-only";
import { processSlot } from "../singleton";
import { Registry } from "prom-client";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { bucketValue, PROMETHEUS_LE_SECONDS } from "@/lib/metrics/histogram";
import { MINUTE_MS, minuteFloor } from "@/lib/metrics/windows";
import { computeMetric, ENVIRONMENTS, evaluateEnvironmentGates } from "./evaluate-gates";

// GET /api/metrics. Counters come from the per-minute rollups in the database, not from
// process memory, so every console process sharing one PostgreSQL exposes the same totals
// (scrape any one of them) and a restart does not reset them. Each process keeps a running
// sum of closed minutes and re-reads only the last two minutes on each scrape.

type Row = Record<string, unknown>;
type Labels = Record<string, string>;
interface Sample {
  labels: Labels;
  value: number;
  metricName?: string;
}

const LAG_MS = 2 * MINUTE_MS;

type Series = { labels: Labels; values: number[] };

interface Cumulative {
  closedUpTo: number;
  totals: Map<string, { labels: Labels; values: number[] }>;
}
const totals = processSlot<{ prisma: PrismaClient; sums: Map<string, Cumulative> }>("promTotals");

/** Sums `valueCols` grouped by `labelCols` over all minutes, incrementally. */
async function cumulative(prisma: PrismaClient, table: string, labelCols: string[], valueCols: string[], now: number) {
  let held = totals.get();
  if (held?.prisma !== prisma) totals.set((held = { prisma, sums: new Map() }));
  const key = `${table}:${labelCols.join(",")}`;
  let c = held.sums.get(key);
  if (!c) held.sums.set(key, (c = { closedUpTo: 0, totals: new Map() }));
  const close = minuteFloor(now) - LAG_MS;
  const select = `SELECT ${labelCols.map((l) => `${l}::text AS "${l.replace(/"/g, "")}"`).join(", ")}, ${valueCols.map((v, i) => `sum(${v})::float8 AS v${i}`).join(", ")} FROM ${table}`;
  const group = ` GROUP BY ${labelCols.join(", ")}`;
  const add = (into: Cumulative["totals"], rows: Row[]) => {
    for (const r of rows) {
      const labels = Object.fromEntries(
        labelCols.map((l) => [l.replace(/"/g, ""), String(r[l.replace(/"/g, "")] ?? "")]),
      );
      const k = JSON.stringify(labels);
      const entry = into.get(k) ?? { labels, values: valueCols.map(() => 0) };
      valueCols.forEach((_, i) => (entry.values[i] += Number(r[`v${i}`] ?? 0)));
      into.set(k, entry);
    }
  };
  if (c.closedUpTo < close) {
    add(
      c.totals,
      await prisma.$queryRawUnsafe<Row[]>(
        `${select} WHERE minute >= $1 AND minute < $2${group}`,
        new Date(c.closedUpTo),
        new Date(close),
      ),
    );
    c.closedUpTo = close;
  }
  const all: Cumulative["totals"] = new Map();
  for (const [k, v] of c.totals) all.set(k, { labels: v.labels, values: [...v.values] });
  add(all, await prisma.$queryRawUnsafe<Row[]>(`${select} WHERE minute >= $1${group}`, new Date(c.closedUpTo)));
  return [...all.values()];
}

function metric(name: string, help: string, type: "counter" | "gauge" | "histogram", values: Sample[]) {
  return { name, help, type, get: async () => ({ name, help, type, values, aggregator: "sum" as const }) };
}

/** The Prometheus text exposition, limited to one environment for a metrics token bound to it. */
export async function prometheusExposition(
  prisma: PrismaClient,
  only: Environment | null,
  now = Date.now(),
): Promise<{ contentType: string; body: string }> {
  const keep = (labels: Labels) => !only || labels.environment === only;
  const envs = only ? [only] : ENVIRONMENTS;

  const decisions = (
    await cumulative(prisma, "metric_decision_rollups", ["environment", "server", "action", "outcome"], ["count"], now)
  ).filter((r) => keep(r.labels));
  const results = (
    await cumulative(
      prisma,
      "metric_result_rollups",
      ["environment", "server", "action"],
      ["count", "redacted", "quarantined", "unapproved", '"unapprovedHighRisk"', '"durationSumMs"'],
      now,
    )
  ).filter((r) => keep(r.labels));
  const latency = (
    await cumulative(prisma, "metric_latency_rollups", ["environment", "server", "action", "bucket"], ["count"], now)
  ).filter((r) => keep(r.labels));
  const auth = (
    await cumulative(prisma, "metric_auth_failure_rollups", ["environment", "status"], ["count"], now)
  ).filter((r) => !only || r.labels.environment === only);

  const histogram = durationHistogram(latency, results);
  const approvals = await prisma.$queryRawUnsafe<{ environment: string; status: string; n: number }[]>(
    `SELECT environment::text AS environment, status::text AS status, count(*)::float8 AS n FROM approvals GROUP BY 1, 2`,
  );
  const { queue, gateState, gateValue, verdict } = await gateSamples(prisma, envs, now);
  return exposition({
    decisions,
    histogram,
    results,
    auth,
    approvals: approvals.filter((a) => !only || a.environment === only),
    queue,
    gateState,
    gateValue,
    verdict,
  });
}

/** The call-duration histogram from the latency buckets, with each series' sum from the result rollups. */
function durationHistogram(latency: Series[], results: Series[]): Sample[] {
  const histogram: Sample[] = [];
  const bySeries = new Map<string, { labels: Labels; buckets: [number, number][]; sumMs: number }>();
  for (const r of latency) {
    const labels = { environment: r.labels.environment, server: r.labels.server, action: r.labels.action };
    const k = JSON.stringify(labels);
    const s = bySeries.get(k) ?? { labels, buckets: [] as [number, number][], sumMs: 0 };
    s.buckets.push([bucketValue(Number(r.labels.bucket)), r.values[0]]);
    bySeries.set(k, s);
  }
  for (const r of results) {
    const s = bySeries.get(
      JSON.stringify({ environment: r.labels.environment, server: r.labels.server, action: r.labels.action }),
    );
    if (s) s.sumMs = r.values[5];
  }
  for (const s of bySeries.values()) {
    let total = 0;
    for (const [, n] of s.buckets) total += n;
    for (const le of PROMETHEUS_LE_SECONDS) {
      const n = s.buckets.filter(([v]) => v <= le * 1000).reduce((a, [, c]) => a + c, 0);
      histogram.push({
        metricName: "mcp_tool_call_duration_seconds_bucket",
        labels: { ...s.labels, le: String(le) },
        value: n,
      });
    }
    histogram.push({
      metricName: "mcp_tool_call_duration_seconds_bucket",
      labels: { ...s.labels, le: "+Inf" },
      value: total,
    });
    histogram.push({ metricName: "mcp_tool_call_duration_seconds_sum", labels: s.labels, value: s.sumMs / 1000 });
    histogram.push({ metricName: "mcp_tool_call_duration_seconds_count", labels: s.labels, value: total });
  }

  return histogram;
}

/** Per environment: the approval queue's p50 and every gate's state and value, and the verdict. */
async function gateSamples(prisma: PrismaClient, envs: readonly Environment[], now: number) {
  const queue: Sample[] = [];
  const gateState: Sample[] = [];
  const gateValue: Sample[] = [];
  const verdict: Sample[] = [];
  for (const e of envs) {
    const p50 = await computeMetric(prisma, e, "approval-queue-p50-minutes", 30, now);
    if (p50 !== null) queue.push({ labels: { environment: e, window: "30m" }, value: p50 });
    const report = await evaluateEnvironmentGates(prisma, e, now);
    verdict.push({ labels: { environment: e }, value: report.verdict === "GO" ? 1 : 0 });
    for (const g of report.gates) {
      for (const state of ["PASS", "WARN", "BLOCK", "NO_DATA"])
        gateState.push({ labels: { environment: e, gate: g.metric, state }, value: g.state === state ? 1 : 0 });
      if (g.value !== null) gateValue.push({ labels: { environment: e, gate: g.metric }, value: g.value });
    }
  }

  return { queue, gateState, gateValue, verdict };
}

interface ExpositionParts {
  decisions: Series[];
  histogram: Sample[];
  results: Series[];
  auth: Series[];
  approvals: { environment: string; status: string; n: number }[];
  queue: Sample[];
  gateState: Sample[];
  gateValue: Sample[];
  verdict: Sample[];
}

async function exposition({
  decisions,
  histogram,
  results,
  auth,
  approvals,
  queue,
  gateState,
  gateValue,
  verdict,
}: ExpositionParts): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  const register = (m: ReturnType<typeof metric>) => registry.registerMetric(m as never);
  register(
    metric(
      "mcp_decisions_total",
      "Decisions by environment, server, action class and outcome (ALLOW, CONSTRAINTS, APPROVAL, DENY).",
      "counter",
      decisions.map((r) => ({ labels: r.labels, value: r.values[0] })),
    ),
  );
  register(
    metric(
      "mcp_tool_call_duration_seconds",
      "Reported tool-call durations by environment, server and action class.",
      "histogram",
      histogram,
    ),
  );
  register(
    metric(
      "mcp_tool_results_total",
      "Reported tool results by output-safety verdict.",
      "counter",
      results.flatMap((r) => [
        { labels: { ...r.labels, verdict: "ALLOW" }, value: r.values[0] - r.values[1] - r.values[2] },
        { labels: { ...r.labels, verdict: "REDACT" }, value: r.values[1] },
        { labels: { ...r.labels, verdict: "QUARANTINE" }, value: r.values[2] },
      ]),
    ),
  );
  register(
    metric(
      "mcp_unapproved_executions_total",
      "Results reported for calls that were not allowed (high_risk: high-risk writes).",
      "counter",
      results.flatMap((r) => [
        { labels: { ...r.labels, high_risk: "false" }, value: r.values[3] - r.values[4] },
        { labels: { ...r.labels, high_risk: "true" }, value: r.values[4] },
      ]),
    ),
  );
  register(
    metric(
      "mcp_auth_failures_total",
      "401 and 403 answers of the agent-facing API (environment from the token's env claim, else unknown).",
      "counter",
      auth.map((r) => ({ labels: r.labels, value: r.values[0] })),
    ),
  );
  registerGauges(register, { approvals, queue, gateState, gateValue, verdict });
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** The gauges: approvals by status, the queue's p50, and each gate's state and value, and the verdict. */
function registerGauges(
  register: (m: ReturnType<typeof metric>) => void,
  {
    approvals,
    queue,
    gateState,
    gateValue,
    verdict,
  }: Pick<ExpositionParts, "approvals" | "queue" | "gateState" | "gateValue" | "verdict">,
): void {
  register(
    metric(
      "mcp_approvals",
      "Approvals by environment and status.",
      "gauge",
      approvals.map((a) => ({ labels: { environment: a.environment, status: a.status }, value: Number(a.n) })),
    ),
  );
  register(
    metric(
      "mcp_approval_queue_wait_p50_minutes",
      "Median wait of approvals pending or decided in the last 30 minutes.",
      "gauge",
      queue,
    ),
  );
  register(metric("mcp_gate_state", "1 for the current state of each go/no-go gate.", "gauge", gateState));
  register(metric("mcp_gate_value", "The current value of each gate's metric over its window.", "gauge", gateValue));
  register(
    metric(
      "mcp_gate_go",
      "1 when every gate of the environment has data and none blocks, 0 for NO_GO or NOT_READY (the verdict with the checklist is /api/v1/go-no-go).",
      "gauge",
      verdict,
    ),
  );
}
