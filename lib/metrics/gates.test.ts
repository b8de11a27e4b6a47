import { describe, expect, it } from "vitest";
import {
  emptyMinute,
  evaluateGate,
  evaluateGates,
  gateDefinition,
  metricValue,
  roundMetric,
  withConfig,
  type GateInputs,
  type GateState,
  type MetricName,
  type MinuteAggregate,
} from "./gates";
import { parseWindow, windowBounds } from "./windows";

// Hand-computed cases. "now" is 12:00:30, so a 15 m window is the minutes 11:46 … 12:00.
const NOW = Date.parse("2026-01-01T12:00:30Z");
const at = (hhmm: string) => Date.parse(`2026-01-01T${hhmm}:00Z`);

type MinuteSpec = Partial<Omit<MinuteAggregate, "latency">> & { latency?: [number, number][] };

function inputs(minutes: Record<string, MinuteSpec> = {}, more: Partial<GateInputs> = {}): GateInputs {
  const map = new Map<number, MinuteAggregate>();
  for (const [hhmm, spec] of Object.entries(minutes))
    map.set(at(hhmm), { ...emptyMinute(), ...spec, latency: spec.latency ?? [] });
  return { minutes: map, approvals: [], denyBaseline: { decisions: 0, denies: 0 }, ...more };
}

/** Every minute from `from` to `to` (inclusive, HH:MM) with the same aggregate. */
function every(from: string, to: string, spec: MinuteSpec): Record<string, MinuteSpec> {
  const out: Record<string, MinuteSpec> = {};
  for (let t = at(from); t <= at(to); t += 60_000) out[new Date(t).toISOString().slice(11, 16)] = spec;
  return out;
}

interface Row {
  name: string;
  metric: MetricName;
  data: GateInputs;
  value: number | null;
  state: GateState;
  config?: Parameters<typeof withConfig>[1];
}

const ROWS: Row[] = [
  // auth failure rate = failures / (failures + decisions), basis points, over 15 m
  {
    name: "auth: 3 of 200 requests failed = 150 bp, misses < 50 bp",
    metric: "auth-failure-rate-basis-points",
    data: inputs({ "11:50": { authFailures: 3, decisions: 197 } }),
    value: 150,
    state: "WARN",
  },
  {
    name: "auth: 5 of 200 = 250 bp > 200 bp over 15 m blocks",
    metric: "auth-failure-rate-basis-points",
    data: inputs({ "11:46": { authFailures: 2, decisions: 100 }, "12:00": { authFailures: 3, decisions: 95 } }),
    value: 250,
    state: "BLOCK",
  },
  {
    name: "auth: exactly 200 bp does not block (strictly above)",
    metric: "auth-failure-rate-basis-points",
    data: inputs({ "11:50": { authFailures: 4, decisions: 196 } }),
    value: 200,
    state: "WARN",
  },
  {
    name: "auth: exactly 50 bp misses the strict target",
    metric: "auth-failure-rate-basis-points",
    data: inputs({ "11:50": { authFailures: 1, decisions: 199 } }),
    value: 50,
    state: "WARN",
  },
  {
    name: "auth: 1 of 400 = 25 bp passes",
    metric: "auth-failure-rate-basis-points",
    data: inputs({ "11:50": { authFailures: 1, decisions: 399 } }),
    value: 25,
    state: "PASS",
  },
  {
    name: "auth: 0.5 bp rounds half up to 1",
    metric: "auth-failure-rate-basis-points",
    data: inputs({ "11:50": { authFailures: 1, decisions: 19_999 } }),
    value: 1,
    state: "PASS",
  },
  {
    name: "auth: failures in 11:45 are outside the 15 m window",
    metric: "auth-failure-rate-basis-points",
    data: inputs({ "11:45": { authFailures: 50 }, "11:46": { decisions: 10 } }),
    value: 0,
    state: "PASS",
  },
  {
    name: "auth: nothing in the window is NO_DATA",
    metric: "auth-failure-rate-basis-points",
    data: inputs({ "11:45": { authFailures: 5, decisions: 5 } }),
    value: null,
    state: "NO_DATA",
  },

  // unapproved high-risk writes: any in 10 m stops at once
  {
    name: "unapproved: one in the window blocks immediately",
    metric: "unapproved-high-risk-writes",
    data: inputs({ "12:00": { results: 1, unapprovedHighRisk: 1 } }),
    value: 1,
    state: "BLOCK",
  },
  {
    name: "unapproved: 11:50 is outside a 10 m window (11:51 … 12:00)",
    metric: "unapproved-high-risk-writes",
    data: inputs({ "11:50": { results: 1, unapprovedHighRisk: 1 }, "11:51": { results: 4 } }),
    value: 0,
    state: "PASS",
  },
  {
    name: "unapproved: no results in the window is NO_DATA",
    metric: "unapproved-high-risk-writes",
    data: inputs({ "11:50": { results: 1, unapprovedHighRisk: 1 } }),
    value: null,
    state: "NO_DATA",
  },

  // tool call p95 (nearest rank) — ≤ 2 s target, > 5 s for 15 m blocks
  {
    name: "p95: 100 … 2000 ms in 20 calls → rank 19 = 1900 ms",
    metric: "tool-call-p95-ms",
    data: inputs({
      "11:55": { latency: Array.from({ length: 20 }, (_, i) => [(i + 1) * 100, 1] as [number, number]) },
    }),
    value: 1900,
    state: "PASS",
  },
  {
    name: "p95: 6 s in every minute of the 15 m window (and before) blocks",
    metric: "tool-call-p95-ms",
    data: inputs(every("11:40", "12:00", { latency: [[6000, 3]] })),
    value: 6000,
    state: "BLOCK",
  },
  {
    name: "p95: slow for 15 m but one fast minute inside breaks the streak",
    metric: "tool-call-p95-ms",
    data: inputs({ ...every("11:40", "12:00", { latency: [[6000, 3]] }), "11:53": { latency: [[300, 3]] } }),
    value: 6000,
    state: "WARN",
  },
  {
    name: "p95: slow only since 11:50 has not held for the whole window",
    metric: "tool-call-p95-ms",
    data: inputs(every("11:50", "12:00", { latency: [[9000, 1]] })),
    value: 9000,
    state: "WARN",
  },
  {
    name: "p95: minutes without calls carry the last slow value (seen at 11:40)",
    metric: "tool-call-p95-ms",
    data: inputs({
      "11:40": { latency: [[7000, 1]] },
      "11:52": { latency: [[8000, 1]] },
      "11:59": { latency: [[7500, 1]] },
    }),
    value: 8000,
    state: "BLOCK",
  },
  {
    name: "p95: a slow value older than one window back (11:30) is not carried",
    metric: "tool-call-p95-ms",
    data: inputs({ "11:30": { latency: [[7000, 1]] }, "11:52": { latency: [[8000, 1]] } }),
    value: 8000,
    state: "WARN",
  },
  {
    name: "p95: exactly 5000 ms for 15 m does not block",
    metric: "tool-call-p95-ms",
    data: inputs(every("11:30", "12:00", { latency: [[5000, 1]] })),
    value: 5000,
    state: "WARN",
  },
  {
    name: "p95: exactly 2000 ms meets ≤ 2 s",
    metric: "tool-call-p95-ms",
    data: inputs({ "12:00": { latency: [[2000, 1]] } }),
    value: 2000,
    state: "PASS",
  },
  { name: "p95: no results is NO_DATA", metric: "tool-call-p95-ms", data: inputs(), value: null, state: "NO_DATA" },

  // output quarantine ratio, > 3 % for 15 m
  {
    name: "quarantine: 1 in 20 results every minute = 500 bp for 15 m blocks",
    metric: "output-quarantine-ratio-basis-points",
    data: inputs(every("11:31", "12:00", { results: 20, quarantined: 1 })),
    value: 500,
    state: "BLOCK",
  },
  {
    name: "quarantine: 2 of 400 = 50 bp passes",
    metric: "output-quarantine-ratio-basis-points",
    data: inputs({ "11:58": { results: 400, quarantined: 2 } }),
    value: 50,
    state: "PASS",
  },
  {
    name: "quarantine: 8 of 200 = 400 bp in one minute only warns",
    metric: "output-quarantine-ratio-basis-points",
    data: inputs({ "11:58": { results: 200, quarantined: 8 } }),
    value: 400,
    state: "WARN",
  },

  // policy DENY anomaly vs the 7-day baseline (5 %)
  {
    name: "deny: 11 % vs 5 % baseline = 220 % > 2× blocks",
    metric: "deny-rate-baseline-percent",
    data: inputs({ "11:59": { decisions: 100, denies: 11 } }, { denyBaseline: { decisions: 1000, denies: 50 } }),
    value: 220,
    state: "BLOCK",
  },
  {
    name: "deny: 6 % vs 5 % = 120 % is inside ± 20 %",
    metric: "deny-rate-baseline-percent",
    data: inputs({ "11:59": { decisions: 100, denies: 6 } }, { denyBaseline: { decisions: 1000, denies: 50 } }),
    value: 120,
    state: "PASS",
  },
  {
    name: "deny: 7 % vs 5 % = 140 % warns",
    metric: "deny-rate-baseline-percent",
    data: inputs({ "11:59": { decisions: 100, denies: 7 } }, { denyBaseline: { decisions: 1000, denies: 50 } }),
    value: 140,
    state: "WARN",
  },
  {
    name: "deny: 3 % vs 5 % = 60 % warns (below the band)",
    metric: "deny-rate-baseline-percent",
    data: inputs({ "11:59": { decisions: 100, denies: 3 } }, { denyBaseline: { decisions: 1000, denies: 50 } }),
    value: 60,
    state: "WARN",
  },
  {
    name: "deny: no denials then or now is at baseline",
    metric: "deny-rate-baseline-percent",
    data: inputs({ "11:59": { decisions: 10 } }, { denyBaseline: { decisions: 500, denies: 0 } }),
    value: 100,
    state: "PASS",
  },
  {
    name: "deny: 3 of 100 after a clean baseline of 100 counts the baseline as 1 deny → 300 %",
    metric: "deny-rate-baseline-percent",
    data: inputs({ "11:59": { decisions: 100, denies: 3 } }, { denyBaseline: { decisions: 100, denies: 0 } }),
    value: 300,
    state: "BLOCK",
  },
  {
    name: "deny: a baseline under 20 decisions is NO_DATA",
    metric: "deny-rate-baseline-percent",
    data: inputs({ "11:59": { decisions: 100, denies: 50 } }, { denyBaseline: { decisions: 19, denies: 1 } }),
    value: null,
    state: "NO_DATA",
  },

  // edited thresholds
  {
    name: "config: p95 block lowered to 1 s, not sustained → 1.5 s blocks",
    metric: "tool-call-p95-ms",
    data: inputs({ "12:00": { latency: [[1500, 1]] } }),
    value: 1500,
    state: "BLOCK",
    config: { block: 1000, sustained: false },
  },
  {
    name: "config: auth window widened to 30 m sees 11:40",
    metric: "auth-failure-rate-basis-points",
    data: inputs({ "11:40": { authFailures: 10, decisions: 90 } }),
    value: 1000,
    state: "BLOCK",
    config: { windowMinutes: 30 },
  },
];

describe("gate maths (hand-computed)", () => {
  for (const row of ROWS) {
    it(row.name, () => {
      const result = evaluateGate(withConfig(gateDefinition(row.metric), row.config), row.data, NOW);
      expect(result.value).toBe(row.value);
      expect(result.state).toBe(row.state);
    });
  }
});

describe("approval queue median wait", () => {
  const def = gateDefinition("approval-queue-p50-minutes");
  it("counts decided and still-pending approvals of the window: waits 1, 2, 25 min → p50 2", () => {
    const data = inputs(
      {},
      {
        approvals: [
          { createdAt: at("11:35") + 30_000, endedAt: null }, // pending 25 min at 12:00:30
          { createdAt: at("11:50"), endedAt: at("11:52") }, // decided after 2 min
          { createdAt: at("11:59") + 30_000, endedAt: null }, // pending 1 min
          { createdAt: at("10:00"), endedAt: at("11:20") }, // decided before the 30 m window: ignored
        ],
      },
    );
    expect(evaluateGate(def, data, NOW)).toMatchObject({ value: 2, state: "PASS" });
  });
  it("one approval pending since 11:00 has waited > 20 min at every minute of the last 30 → BLOCK, 60.5 min rounds to 61", () => {
    expect(
      evaluateGate(def, inputs({}, { approvals: [{ createdAt: at("11:00"), endedAt: null }] }), NOW),
    ).toMatchObject({ value: 61, state: "BLOCK" });
  });
  it("pending since 11:45 (15.5 min) misses the target but has not been over 20 min: WARN 16", () => {
    expect(
      evaluateGate(def, inputs({}, { approvals: [{ createdAt: at("11:45"), endedAt: null }] }), NOW),
    ).toMatchObject({ value: 16, state: "WARN" });
  });
  it("over 20 min only for the last few minutes does not block (needs the whole 30 m)", () => {
    expect(
      evaluateGate(def, inputs({}, { approvals: [{ createdAt: at("11:35"), endedAt: null }] }), NOW),
    ).toMatchObject({ value: 26, state: "WARN" });
  });
  it("an empty queue is NO_DATA", () => {
    expect(evaluateGate(def, inputs(), NOW)).toMatchObject({ value: null, state: "NO_DATA" });
  });
});

describe("windows, rounding and the verdict", () => {
  it("parses windows", () => {
    expect(parseWindow("10m")).toBe(10);
    expect(parseWindow("2h")).toBe(120);
    expect(parseWindow("168h")).toBe(10_080);
    for (const bad of ["0m", "10", "10s", "-5m", "169h", "1d", "m", "01m"]) expect(parseWindow(bad), bad).toBeNull();
  });
  it("a window is the last N minute buckets, the current one included", () => {
    expect(windowBounds(NOW, 15)).toEqual({ start: at("11:46"), end: at("12:01") });
  });
  it("rounds halves up", () => {
    expect([0.49, 0.5, 1.5, 2.4999, 149.5].map(roundMetric)).toEqual([0, 1, 2, 2, 150]);
  });
  it("the same window at a later `now` forgets old rows (GO again after the window passes)", () => {
    const data = inputs({ "12:00": { results: 1, unapprovedHighRisk: 1 }, "12:05": { results: 3 } });
    expect(metricValue("unapproved-high-risk-writes", data, NOW, 10)).toBe(1);
    expect(metricValue("unapproved-high-risk-writes", data, at("12:10") + 5_000, 10)).toBe(0);
  });
  it("one BLOCK makes NO_GO; a gate without data makes NOT_READY, never GO; all judged and clear is GO", () => {
    const clean = inputs({ "12:00": { decisions: 100, results: 10, latency: [[100, 10]] } });
    const ok = evaluateGates(
      [
        gateDefinition("auth-failure-rate-basis-points"),
        gateDefinition("unapproved-high-risk-writes"),
        gateDefinition("approval-queue-p50-minutes"),
      ],
      clean,
      NOW,
    );
    expect(ok.verdict).toBe("NOT_READY");
    expect(ok.gates.map((g) => g.state)).toEqual(["PASS", "PASS", "NO_DATA"]);
    const judged = evaluateGates(
      [gateDefinition("auth-failure-rate-basis-points"), gateDefinition("unapproved-high-risk-writes")],
      clean,
      NOW,
    );
    expect(judged.verdict).toBe("GO");
    expect(evaluateGates([], clean, NOW).verdict).toBe("NOT_READY");
    clean.minutes.get(at("12:00"))!.unapprovedHighRisk = 1;
    expect(evaluateGates([gateDefinition("unapproved-high-risk-writes")], clean, NOW).verdict).toBe("NO_GO");
  });
  it("describes targets and block conditions in the words of docs/gates-and-readiness.md#gates", () => {
    const texts = (
      [
        "auth-failure-rate-basis-points",
        "unapproved-high-risk-writes",
        "approval-queue-p50-minutes",
        "tool-call-p95-ms",
        "output-quarantine-ratio-basis-points",
        "deny-rate-baseline-percent",
      ] as const
    ).map((m) => {
      const r = evaluateGate(gateDefinition(m), inputs(), NOW);
      return [r.target.text, r.block.text];
    });
    expect(texts).toEqual([
      ["< 0.5 %", "> 2 % over 15 m"],
      ["≤ 0", "> 0 in 10 m, immediate stop"],
      ["≤ 10 min", "> 20 min for 30 m"],
      ["≤ 2 s", "> 5 s for 15 m"],
      ["< 1 %", "> 3 % for 15 m"],
      ["baseline ± 20 %", "> 2× baseline over 15 m"],
    ]);
  });
});
