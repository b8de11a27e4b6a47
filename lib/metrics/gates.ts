// The six go/no-go gates (docs/gates-and-readiness.md#gates) as pure maths: metric values from per-minute aggregates,
// targets, block conditions (over a window, or sustained for the whole window), NO_DATA, and
// the overall GO / NO_GO. No I/O: callers pass the data and `now`, so tests need no clock.
import { percentile, type Weighted } from "./histogram";
import { MINUTE_MS, minuteFloor, windowBounds } from "./windows";

export const METRIC_NAMES = [
  "auth-failure-rate-basis-points",
  "unapproved-high-risk-writes",
  "approval-queue-p50-minutes",
  "tool-call-p95-ms",
  "output-quarantine-ratio-basis-points",
  "deny-rate-baseline-percent",
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export function isMetricName(value: string): value is MetricName {
  return (METRIC_NAMES as readonly string[]).includes(value);
}

export type TargetOp = "<" | "<=" | "band";
export type GateState = "PASS" | "WARN" | "BLOCK" | "NO_DATA";
/** The gates alone (the combined go/no-go with the checklist is lib/readiness/verdict.ts). */
export type Verdict = "GO" | "NO_GO" | "NOT_READY";

/** What an admin may change about a gate. */
export interface GateConfig {
  target: number;
  /** Blocks when the value is strictly above this. */
  block: number;
  windowMinutes: number;
  /** true: "for N m" — held at every minute of the window; false: "over N m" — the window's value. */
  sustained: boolean;
  owner: string;
}

export interface GateDefinition extends GateConfig {
  metric: MetricName;
  title: string;
  unit: "bp" | "count" | "min" | "ms" | "pct";
  targetOp: TargetOp;
}

/** The table of docs/gates-and-readiness.md#gates. The gate id is its metric name. */
export const GATE_DEFINITIONS: readonly GateDefinition[] = [
  {
    metric: "auth-failure-rate-basis-points",
    title: "Auth failure rate",
    unit: "bp",
    targetOp: "<",
    target: 50,
    block: 200,
    windowMinutes: 15,
    sustained: false,
    owner: "Platform Security",
  },
  {
    metric: "unapproved-high-risk-writes",
    title: "Unapproved high-risk writes",
    unit: "count",
    targetOp: "<=",
    target: 0,
    block: 0,
    windowMinutes: 10,
    sustained: false,
    owner: "Governance",
  },
  {
    metric: "approval-queue-p50-minutes",
    title: "Approval queue median wait",
    unit: "min",
    targetOp: "<=",
    target: 10,
    block: 20,
    windowMinutes: 30,
    sustained: true,
    owner: "Ops Lead",
  },
  {
    metric: "tool-call-p95-ms",
    title: "Tool call p95 latency",
    unit: "ms",
    targetOp: "<=",
    target: 2000,
    block: 5000,
    windowMinutes: 15,
    sustained: true,
    owner: "MCP Platform",
  },
  {
    metric: "output-quarantine-ratio-basis-points",
    title: "Output QUARANTINE ratio",
    unit: "bp",
    targetOp: "<",
    target: 100,
    block: 300,
    windowMinutes: 15,
    sustained: true,
    owner: "Safety Team",
  },
  {
    metric: "deny-rate-baseline-percent",
    title: "Policy DENY anomaly",
    unit: "pct",
    targetOp: "band",
    target: 20,
    block: 200,
    windowMinutes: 15,
    sustained: false,
    owner: "Security Operations",
  },
];

export function gateDefinition(metric: MetricName): GateDefinition {
  return GATE_DEFINITIONS.find((g) => g.metric === metric)!;
}

/** The baseline needs this many decisions in its 7 days before the anomaly gate judges anything. */
export const MIN_BASELINE_DECISIONS = 20;
export const BASELINE_DAYS = 7;

/** Everything the console counted in one minute of one environment. */
export interface MinuteAggregate {
  decisions: number;
  denies: number;
  authFailures: number;
  results: number;
  quarantined: number;
  unapprovedHighRisk: number;
  /** Tool-call durations (ms): exact values, or histogram bucket middles, with counts. */
  latency: Weighted[];
}

/** An approval's time in the queue: from creation until decided (or expired); null while pending. */
export interface ApprovalSpan {
  createdAt: number;
  endedAt: number | null;
}

export interface GateInputs {
  /** Keyed by the minute's start (ms since epoch). Minutes without activity may be absent. */
  minutes: Map<number, MinuteAggregate>;
  approvals: ApprovalSpan[];
  /** Decisions and denies over the 7 days before the anomaly gate's window. */
  denyBaseline: { decisions: number; denies: number };
}

export const emptyMinute = (): MinuteAggregate => ({
  decisions: 0,
  denies: 0,
  authFailures: 0,
  results: 0,
  quarantined: 0,
  unapprovedHighRisk: 0,
  latency: [],
});

function merged(inputs: GateInputs, start: number, end: number): MinuteAggregate {
  const sum = emptyMinute();
  for (let m = minuteFloor(start); m < end; m += MINUTE_MS) {
    const a = inputs.minutes.get(m);
    if (!a) continue;
    sum.decisions += a.decisions;
    sum.denies += a.denies;
    sum.authFailures += a.authFailures;
    sum.results += a.results;
    sum.quarantined += a.quarantined;
    sum.unapprovedHighRisk += a.unapprovedHighRisk;
    sum.latency.push(...a.latency);
  }
  return sum;
}

const basisPoints = (num: number, den: number) => (10_000 * num) / den;

/**
 * A metric over [start, end), unrounded; null when there is nothing to judge. `now` caps the
 * end for approvals still pending (their wait so far).
 */
export function rawMetric(
  metric: MetricName,
  inputs: GateInputs,
  start: number,
  end: number,
  now: number,
): number | null {
  if (metric === "approval-queue-p50-minutes") {
    const until = Math.min(end, now);
    const waits: Weighted[] = [];
    for (const a of inputs.approvals) {
      if (a.createdAt >= until) continue;
      if (a.endedAt !== null && a.endedAt < start) continue;
      const stop = a.endedAt === null || a.endedAt > until ? until : a.endedAt;
      waits.push([Math.max(0, stop - a.createdAt), 1]);
    }
    const p50 = percentile(waits, 0.5);
    return p50 === null ? null : p50 / MINUTE_MS;
  }
  const m = merged(inputs, start, end);
  switch (metric) {
    case "auth-failure-rate-basis-points":
      return m.authFailures + m.decisions === 0 ? null : basisPoints(m.authFailures, m.authFailures + m.decisions);
    case "unapproved-high-risk-writes":
      return m.results === 0 && m.unapprovedHighRisk === 0 ? null : m.unapprovedHighRisk;
    case "tool-call-p95-ms":
      return percentile(m.latency, 0.95);
    case "output-quarantine-ratio-basis-points":
      return m.results === 0 ? null : basisPoints(m.quarantined, m.results);
    case "deny-rate-baseline-percent": {
      const b = inputs.denyBaseline;
      if (m.decisions === 0 || b.decisions < MIN_BASELINE_DECISIONS) return null;
      // A baseline without any denial counts as one, so new denials read as an anomaly, not as infinity.
      const baseRate = Math.max(b.denies, 1) / b.decisions;
      if (b.denies === 0 && m.denies === 0) return 100;
      return (100 * (m.denies / m.decisions)) / baseRate;
    }
  }
}

/** Integers rounded to the nearest whole unit (halves up), as the plain-integer endpoints answer. */
export function roundMetric(value: number): number {
  return Math.floor(value + 0.5 + 1e-9);
}

/** The metric over the last `minutes` minutes (current minute included); null = NO_DATA. */
export function metricValue(metric: MetricName, inputs: GateInputs, now: number, minutes: number): number | null {
  const { start, end } = windowBounds(now, minutes);
  const raw = rawMetric(metric, inputs, start, end, now);
  return raw === null ? null : roundMetric(raw);
}

export function meetsTarget(def: Pick<GateDefinition, "targetOp" | "target">, value: number): boolean {
  if (def.targetOp === "<") return value < def.target;
  if (def.targetOp === "<=") return value <= def.target;
  return Math.abs(value - 100) <= def.target;
}

/**
 * "> X for N m": every minute of the window breached. A minute without data carries the
 * last value seen before it (looking back at most one more window); if nothing is known at
 * the window's start, the condition has not been shown to hold for the whole window.
 */
export function sustainedBreach(
  metric: MetricName,
  inputs: GateInputs,
  now: number,
  minutes: number,
  threshold: number,
): boolean {
  const { start, end } = windowBounds(now, minutes);
  let carried: number | null = null;
  for (let m = start - minutes * MINUTE_MS; m < start; m += MINUTE_MS) {
    const v = rawMetric(metric, inputs, m, m + MINUTE_MS, now);
    if (v !== null) carried = roundMetric(v);
  }
  for (let m = start; m < end; m += MINUTE_MS) {
    const v = rawMetric(metric, inputs, m, m + MINUTE_MS, now);
    if (v !== null) carried = roundMetric(v);
    if (carried === null || carried <= threshold) return false;
  }
  return true;
}

export interface GateResult {
  metric: MetricName;
  title: string;
  unit: GateDefinition["unit"];
  value: number | null;
  state: GateState;
  target: { op: TargetOp; value: number; text: string };
  block: { op: ">"; value: number; windowMinutes: number; sustained: boolean; text: string };
  owner: string;
  reason: string;
}

export function evaluateGate(def: GateDefinition, inputs: GateInputs, now: number): GateResult {
  const value = metricValue(def.metric, inputs, now, def.windowMinutes);
  const base = {
    metric: def.metric,
    title: def.title,
    unit: def.unit,
    value,
    target: { op: def.targetOp, value: def.target, text: targetText(def) },
    block: {
      op: ">" as const,
      value: def.block,
      windowMinutes: def.windowMinutes,
      sustained: def.sustained,
      text: blockText(def),
    },
    owner: def.owner,
  };
  if (value === null) return { ...base, state: "NO_DATA", reason: noDataReason(def.metric) };
  const blocked = def.sustained
    ? sustainedBreach(def.metric, inputs, now, def.windowMinutes, def.block)
    : value > def.block;
  if (blocked) return { ...base, state: "BLOCK", reason: `${formatValue(def.unit, value)} breaches ${blockText(def)}` };
  if (meetsTarget(def, value))
    return { ...base, state: "PASS", reason: `${formatValue(def.unit, value)} meets the target ${targetText(def)}` };
  return { ...base, state: "WARN", reason: `${formatValue(def.unit, value)} misses the target ${targetText(def)}` };
}

/** NO_GO as soon as one gate blocks; otherwise NOT_READY while any gate has no data (never a silent GO). */
export function overallVerdict(results: readonly Pick<GateResult, "state">[]): Verdict {
  if (results.some((r) => r.state === "BLOCK")) return "NO_GO";
  return results.length === 0 || results.some((r) => r.state === "NO_DATA") ? "NOT_READY" : "GO";
}

export function evaluateGates(
  defs: readonly GateDefinition[],
  inputs: GateInputs,
  now: number,
): { verdict: Verdict; gates: GateResult[] } {
  const gates = defs.map((d) => evaluateGate(d, inputs, now));
  return { verdict: overallVerdict(gates), gates };
}

function noDataReason(metric: MetricName): string {
  switch (metric) {
    case "auth-failure-rate-basis-points":
      return "No agent requests in the window.";
    case "unapproved-high-risk-writes":
      return "No tool results reported in the window.";
    case "approval-queue-p50-minutes":
      return "No approvals pending or decided in the window.";
    case "tool-call-p95-ms":
      return "No tool results reported in the window.";
    case "output-quarantine-ratio-basis-points":
      return "No tool results reported in the window.";
    case "deny-rate-baseline-percent":
      return `No decisions in the window, or fewer than ${MIN_BASELINE_DECISIONS} in the 7-day baseline yet.`;
  }
}

export function formatValue(unit: GateDefinition["unit"], value: number): string {
  switch (unit) {
    case "bp":
      return `${(value / 100).toFixed(2).replace(/\.?0+$/, "")} %`;
    case "count":
      return String(value);
    case "min":
      return `${value} min`;
    case "ms":
      return value >= 1000 ? `${(value / 1000).toFixed(2).replace(/\.?0+$/, "")} s` : `${value} ms`;
    case "pct":
      return `${value} % of baseline`;
  }
}

export function targetText(def: Pick<GateDefinition, "unit" | "targetOp" | "target">): string {
  if (def.targetOp === "band") return `baseline ± ${def.target} %`;
  return `${def.targetOp === "<" ? "<" : "≤"} ${formatValue(def.unit, def.target)}`;
}

export function blockText(
  def: Pick<GateDefinition, "unit" | "block" | "windowMinutes" | "sustained" | "metric">,
): string {
  const threshold =
    def.unit === "pct"
      ? `${(def.block / 100).toFixed(2).replace(/\.?0+$/, "")}× baseline`
      : formatValue(def.unit, def.block);
  if (def.metric === "unapproved-high-risk-writes" && !def.sustained)
    return `> ${threshold} in ${def.windowMinutes} m, immediate stop`;
  return `> ${threshold} ${def.sustained ? "for" : "over"} ${def.windowMinutes} m`;
}

/** A definition with an admin's stored edits applied. */
export function withConfig(def: GateDefinition, config: Partial<GateConfig> | undefined): GateDefinition {
  return config ? { ...def, ...Object.fromEntries(Object.entries(config).filter(([, v]) => v !== undefined)) } : def;
}
