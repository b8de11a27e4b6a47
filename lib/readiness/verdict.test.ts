import { describe, expect, it } from "vitest";
import { GATE_DEFINITIONS, type GateState } from "@/lib/metrics/gates";
import { CHECK_IDS, type CheckId, type CheckStatus } from "./checklist";
import {
  type CheckEvidence,
  type GateEvidence,
  gateExitCode,
  gateSentence,
  goNoGo,
  type GoNoGoVerdict,
} from "./verdict";

const T0 = "2026-12-01T09:14:00.000Z";
const T1 = "2026-12-02T10:00:00.000Z";

function gate(metric: string, state: GateState, value: number | null = state === "NO_DATA" ? null : 1): GateEvidence {
  const def = GATE_DEFINITIONS.find((g) => g.metric === metric)!;
  return {
    metric,
    title: def.title,
    state,
    value,
    unit: def.unit,
    owner: def.owner,
    reason: state === "NO_DATA" ? "No approvals pending or decided in the window." : "r",
    since: T0,
    target: { text: def.unit === "min" ? "≤ 10 min" : "≤ 0" },
    condition: { window_minutes: def.windowMinutes, sustained: def.sustained, text: "…" },
  };
}
const check = (id: CheckId, status: CheckStatus, evidence = `${id} evidence.`): CheckEvidence => ({
  id,
  status,
  evidence,
  since: T0,
  fix_url: `/fix/${id}`,
});

const allGates = (state: GateState) => GATE_DEFINITIONS.map((d) => gate(d.metric, state));
const allChecks = (status: CheckStatus) => CHECK_IDS.map((id) => check(id, status));
const replace = <T extends { id?: string; metric?: string }>(xs: T[], key: string, x: T) =>
  xs.map((y) => ((y.id ?? y.metric) === key ? x : y));

// (scenario, gates, checks, verdict, blocker ids, missing ids)
const TABLE: [string, GateEvidence[], CheckEvidence[], GoNoGoVerdict, string[], number][] = [
  ["no data at all", allGates("NO_DATA"), allChecks("NO_DATA"), "NOT_READY", [], 18],
  ["nothing evaluated", [], [], "NOT_READY", [], 0],
  [
    "partial data: some pass, some unjudged",
    replace(allGates("PASS"), "tool-call-p95-ms", gate("tool-call-p95-ms", "NO_DATA")),
    replace(allChecks("PASS"), "drill", check("drill", "NO_DATA")),
    "NOT_READY",
    [],
    2,
  ],
  ["all green", allGates("PASS"), allChecks("PASS"), "GO", [], 0],
  ["WARN is at risk, not blocking", allGates("WARN"), allChecks("PASS"), "GO", [], 0],
  [
    "one gate blocking",
    replace(allGates("PASS"), "approval-queue-p50-minutes", gate("approval-queue-p50-minutes", "BLOCK", 34)),
    allChecks("PASS"),
    "NO_GO",
    ["approval-queue-p50-minutes"],
    0,
  ],
  [
    "one check failing",
    allGates("PASS"),
    replace(allChecks("PASS"), "queue-slo", check("queue-slo", "FAIL")),
    "NO_GO",
    ["queue-slo"],
    0,
  ],
  [
    "a block wins over missing data",
    allGates("NO_DATA"),
    replace(allChecks("NO_DATA"), "drill", check("drill", "FAIL")),
    "NO_GO",
    ["drill"],
    17,
  ],
  [
    "an advisory check that fails (servers without receipts) is at risk, not blocking",
    allGates("PASS"),
    replace(allChecks("PASS"), "receipts", check("receipts", "FAIL")),
    "GO",
    [],
    0,
  ],
  [
    "a stale check (reported NO_DATA) is missing evidence",
    allGates("PASS"),
    replace(allChecks("PASS"), "remote-auth", check("remote-auth", "NO_DATA", "Stale: the last probe is old.")),
    "NOT_READY",
    [],
    1,
  ],
];

describe("the one go/no-go verdict", () => {
  it.each(TABLE)("%s", (_name, gates, checks, verdict, blockers, missing) => {
    const v = goNoGo({ environment: "production", gates, checks, evaluatedAt: T1 });
    expect(v.verdict).toBe(verdict);
    expect(v.blockers.map((b) => b.id)).toEqual(blockers);
    expect(v.missing).toHaveLength(missing);
    expect(v.headline).toMatch(
      {
        GO: /^Every gate is clear/,
        NO_GO: /^\d+ items? blocks? production\.$/,
        NOT_READY: /^Nothing (blocks|has been evaluated)/,
      }[verdict],
    );
  });

  it("a blocking gate reads as a sentence with its owner, since, evidence and runbook", () => {
    const blocked = gate("approval-queue-p50-minutes", "BLOCK", 34);
    const v = goNoGo({ environment: "production", gates: [blocked], checks: [], evaluatedAt: T1 });
    expect(v.blockers[0]).toEqual({
      kind: "gate",
      id: "approval-queue-p50-minutes",
      title: "Approval queue median wait",
      state: "BLOCK",
      sentence: "Approval queue median wait was 34 min for the last 30 min — target ≤ 10 min.",
      owner: "Ops Lead",
      since: T0,
      evidence_url: "/?environment=production#gate-approval-queue-p50-minutes",
      runbook_url: "/runbooks/approval-queue-p50",
    });
    expect(v.since).toBe(T0);
  });

  it("a failing check reads as its evidence, owned by the checklist's owner, fixed where its fix link points", () => {
    const v = goNoGo({
      environment: "staging",
      gates: [],
      checks: [check("queue-slo", "FAIL", "No destination receives queue p50 alerts.")],
      evaluatedAt: T1,
    });
    expect(v.blockers[0]).toMatchObject({
      id: "queue-slo",
      sentence: "No destination receives queue p50 alerts.",
      owner: "Ops Lead",
      evidence_url: "/readiness?environment=staging#queue-slo",
      runbook_url: "/fix/queue-slo",
    });
  });

  it("writes unapproved writes and missing data in words", () => {
    expect(gateSentence(gate("unapproved-high-risk-writes", "BLOCK", 2))).toBe(
      "2 high-risk writes ran without an approval in the last 10 min — target ≤ 0.",
    );
    expect(gateSentence(gate("approval-queue-p50-minutes", "NO_DATA"))).toBe(
      "Approval queue median wait cannot be judged: no approvals pending or decided in the last 30 min.",
    );
  });

  it("since: NO_GO from its oldest blocker, GO from the last item to turn clear, null when not recorded", () => {
    const early = { ...gate("tool-call-p95-ms", "BLOCK"), since: "2026-12-01T08:00:00.000Z" };
    const late = { ...check("drill", "FAIL"), since: "2026-12-01T11:00:00.000Z" };
    expect(goNoGo({ environment: "p", gates: [early], checks: [late], evaluatedAt: T1 }).since).toBe(early.since);
    const clear = [{ ...check("drill", "PASS"), since: "2026-11-25T00:00:00.000Z" }, check("metrics", "PASS")];
    expect(goNoGo({ environment: "p", gates: [], checks: clear, evaluatedAt: T1 }).since).toBe(T0);
    const unknown = [...clear, { ...check("fn-review", "PASS"), since: null }];
    expect(goNoGo({ environment: "p", gates: [], checks: unknown, evaluatedAt: T1 }).since).toBeNull();
  });

  it.each([
    ["GO", false, 0],
    ["NO_GO", false, 1],
    ["NOT_READY", false, 2],
    ["NOT_READY", true, 0],
    ["NO_GO", true, 1],
    [undefined, true, 2],
    ["go", false, 2],
  ] as const)("npm run gate exits for %s (allow no data: %s) with %i", (verdict, allow, code) => {
    expect(gateExitCode(verdict, allow)).toBe(code);
  });
});
