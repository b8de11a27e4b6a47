// The one go/no-go verdict (docs/gates-and-readiness.md#verdict): the six gates and the thirteen checks of an environment
// judged together, with every reason in plain words. Every surface — the Overview, the
// environment tiles, the readiness page and report, /api/v1/gates, /api/v1/readiness,
// /api/v1/go-no-go and `npm run gate` — computes its verdict here. Pure: no I/O, no clock.
import { formatValue, type GateState } from "@/lib/metrics/gates";
import { CHECK_BY_ID, type CheckId, type CheckStatus } from "./checklist";

/** GO: everything has evidence and nothing blocks. NO_GO: something blocks. NOT_READY: nothing blocks, but evidence is missing. */
export const GO_NO_GO_VERDICTS = ["GO", "NO_GO", "NOT_READY"] as const;
export type GoNoGoVerdict = (typeof GO_NO_GO_VERDICTS)[number];

/** A gate as the gates API reports it (only what the verdict reads). */
export interface GateEvidence {
  metric: string;
  title: string;
  state: GateState;
  value: number | null;
  unit: "bp" | "count" | "min" | "ms" | "pct";
  owner: string;
  reason: string;
  since: string | null;
  target: { text: string };
  condition: { window_minutes: number; sustained: boolean; text: string };
}

/** A check as the readiness report holds it (only what the verdict reads). */
export interface CheckEvidence {
  id: CheckId;
  status: CheckStatus;
  evidence: string;
  since: string | null;
  fix_url: string;
}

export interface VerdictReason {
  kind: "gate" | "check";
  id: string;
  title: string;
  /** PASS / WARN / BLOCK / NO_DATA for gates, PASS / FAIL / NO_DATA for checks. */
  state: string;
  /** What was seen and what was expected, in words a person can act on. */
  sentence: string;
  owner: string;
  /** When the item entered its current state, as far as the console recorded it. */
  since: string | null;
  evidence_url: string;
  runbook_url: string;
}

export interface GoNoGo {
  environment: string;
  verdict: GoNoGoVerdict;
  /** When the verdict began, derived from its reasons' own `since` (null: not recorded). */
  since: string | null;
  /** One line: why (the verdict word is shown beside it). */
  headline: string;
  /** Gates in BLOCK and checks that FAIL: each one alone stops production. */
  blockers: VerdictReason[];
  /** Gates and checks with nothing to judge: never counted as passing. */
  missing: VerdictReason[];
  /** Gates in WARN, and advisory checks that do not pass: clear of blocking but off target. */
  at_risk: VerdictReason[];
  counts: {
    checks: Record<CheckStatus, number>;
    gates: Record<GateState, number>;
  };
  evaluated_at: string;
}

/** The gate id → the runbook operations keeps for it (lib/server/operations/runbook-defaults.ts). */
export const GATE_RUNBOOKS: Record<string, string> = {
  "auth-failure-rate-basis-points": "auth-failure-rate",
  "unapproved-high-risk-writes": "unapproved-high-risk-writes",
  "approval-queue-p50-minutes": "approval-queue-p50",
  "tool-call-p95-ms": "tool-call-p95",
  "output-quarantine-ratio-basis-points": "output-quarantine-ratio",
  "deny-rate-baseline-percent": "deny-anomaly",
};

const env = (environment: string) => encodeURIComponent(environment);

function windowWords(minutes: number): string {
  if (minutes % 60 === 0 && minutes >= 120) return `the last ${minutes / 60} h`;
  return `the last ${minutes} min`;
}

/** "Approval queue median wait was 34 min for the last 30 min — target ≤ 10 min." */
export function gateSentence(g: GateEvidence): string {
  const span = windowWords(g.condition.window_minutes);
  if (g.state === "NO_DATA") {
    const why = g.reason.replace(/in the window/, `in ${span}`).replace(/\.$/, "");
    return `${g.title} cannot be judged: ${why.charAt(0).toLowerCase()}${why.slice(1)}.`;
  }
  const value = g.value === null ? "unknown" : formatValue(g.unit, g.value);
  if (g.metric === "unapproved-high-risk-writes") {
    const n = g.value ?? 0;
    return `${n} high-risk write${n === 1 ? "" : "s"} ran without an approval in ${span} — target ${g.target.text}.`;
  }
  return `${g.title} was ${value} ${g.condition.sustained ? "for" : "over"} ${span} — target ${g.target.text}.`;
}

function gateReason(g: GateEvidence, environment: string): VerdictReason {
  const slug = GATE_RUNBOOKS[g.metric];
  return {
    kind: "gate",
    id: g.metric,
    title: g.title,
    state: g.state,
    sentence: gateSentence(g),
    owner: g.owner,
    since: g.since,
    evidence_url: `/?environment=${env(environment)}#gate-${g.metric}`,
    runbook_url: slug ? `/runbooks/${slug}` : `/runbooks`,
  };
}

function checkReason(c: CheckEvidence, environment: string): VerdictReason {
  const def = CHECK_BY_ID[c.id];
  return {
    kind: "check",
    id: c.id,
    title: def.validation,
    state: c.status,
    sentence: c.evidence,
    owner: def.owner,
    since: c.since,
    evidence_url: `/readiness?environment=${env(environment)}#${c.id}`,
    runbook_url: c.fix_url,
  };
}

const earliest = (xs: (string | null)[]) => xs.filter((x): x is string => x !== null).sort()[0] ?? null;
const latest = (xs: (string | null)[]) =>
  xs
    .filter((x): x is string => x !== null)
    .sort()
    .at(-1) ?? null;

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The verdict. Any BLOCK gate or FAIL check → NO_GO; otherwise any NO_DATA gate or check →
 * NOT_READY (missing evidence is never a pass); otherwise GO. WARN is at risk, not blocking.
 */
export function goNoGo(input: {
  environment: string;
  gates: readonly GateEvidence[];
  checks: readonly CheckEvidence[];
  evaluatedAt: string;
}): GoNoGo {
  const { environment } = input;
  const gateCounts: Record<GateState, number> = { PASS: 0, WARN: 0, BLOCK: 0, NO_DATA: 0 };
  const checkCounts: Record<CheckStatus, number> = { PASS: 0, FAIL: 0, NO_DATA: 0 };
  const blockers: VerdictReason[] = [];
  const missing: VerdictReason[] = [];
  const atRisk: VerdictReason[] = [];
  const clearSince: (string | null)[] = [];
  for (const g of input.gates) {
    gateCounts[g.state] += 1;
    const r = gateReason(g, environment);
    if (g.state === "BLOCK") blockers.push(r);
    else if (g.state === "NO_DATA") missing.push(r);
    else {
      if (g.state === "WARN") atRisk.push(r);
      clearSince.push(g.since);
    }
  }
  for (const c of input.checks) {
    checkCounts[c.status] += 1;
    const r = checkReason(c, environment);
    if (c.status !== "PASS" && CHECK_BY_ID[c.id].advisory) atRisk.push(r);
    else if (c.status === "FAIL") blockers.push(r);
    else if (c.status === "NO_DATA") missing.push(r);
    else clearSince.push(c.since);
  }
  // An empty input is not evidence of anything.
  const nothing = input.gates.length + input.checks.length === 0;
  const verdict: GoNoGoVerdict = blockers.length ? "NO_GO" : missing.length || nothing ? "NOT_READY" : "GO";
  // NO_GO / NOT_READY began no later than its oldest current reason; GO began when its last item turned clear.
  const since =
    verdict === "NO_GO"
      ? earliest(blockers.map((b) => b.since))
      : verdict === "NOT_READY"
        ? earliest(missing.map((m) => m.since))
        : clearSince.includes(null)
          ? null
          : latest(clearSince);
  // The verdict word and the environment stand beside it on every surface; the headline says why.
  const headline = nothing
    ? "Nothing has been evaluated yet."
    : verdict === "NO_GO"
      ? `${count(blockers.length, "item blocks", "items block")} ${environment}.`
      : verdict === "NOT_READY"
        ? `Nothing blocks, but ${count(missing.length, "item has", "items have")} no evidence yet.`
        : "Every gate is clear and every check passes.";
  return {
    environment,
    verdict,
    since,
    headline,
    blockers,
    missing,
    at_risk: atRisk,
    counts: { checks: checkCounts, gates: gateCounts },
    evaluated_at: input.evaluatedAt,
  };
}

/** `npm run gate`'s exit status: 0 only on GO (or NOT_READY with --allow-no-data), 1 on NO_GO, 2 otherwise. */
export function gateExitCode(verdict: unknown, allowNoData = false): 0 | 1 | 2 {
  if (verdict === "GO") return 0;
  if (verdict === "NO_GO") return 1;
  if (verdict === "NOT_READY" && allowNoData) return 0;
  return 2;
}

/** How each verdict is written for people: never "GO" for NOT_READY. */
export const VERDICT_WORDS: Record<GoNoGoVerdict, string> = { GO: "GO", NO_GO: "NO-GO", NOT_READY: "NOT READY" };
