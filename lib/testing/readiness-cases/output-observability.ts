import { DETECTOR_KINDS } from "@/lib/output-safety";
import { reportResult } from "@/lib/server/enforcement/report-result";
import { weeksBefore } from "@/lib/server/output-safety/iso-week";
import { updateOutputSafetySettings } from "@/lib/server/output-safety/settings";
import { type Case, publish, SYSTEM, traffic } from "../readiness-world";

/** Output safety and false-negative review; observability (metrics rollups, queue alerts). */
export const OUTPUT_OBSERVABILITY_CASES: Case[] = [
  {
    check: "output-safety",
    name: "default detectors: both paths on, self-test passes",
    setup: async () => {},
    status: "PASS",
    evidence: ["REDACT and QUARANTINE paths are enabled"],
  },
  {
    check: "output-safety",
    name: "every steering detector switched off fails",
    setup: (db) =>
      updateOutputSafetySettings(db.prisma, SYSTEM, {
        disabledKinds: DETECTOR_KINDS.filter((k) => k.category === "steering").map((k) => k.kind),
      }),
    status: "FAIL",
    evidence: ["nothing can be QUARANTINED"],
  },
  {
    check: "fn-review",
    name: "last week's sample fully reviewed",
    setup: (db) =>
      db.prisma.outputReviewSample.createMany({
        data: [
          { week: weeksBefore(new Date(), 1), source: "result", outputBytes: 10, verdict: "ok" },
          {
            week: weeksBefore(new Date(), 1),
            source: "result",
            outputBytes: 12,
            verdict: "missed",
            missedKind: "other",
          },
        ],
      }),
    status: "PASS",
    evidence: [`All 2 samples of week ${weeksBefore(new Date(), 1)} were reviewed; 1 marked as a miss`],
  },
  {
    check: "fn-review",
    name: "a sample still waiting fails",
    setup: (db) =>
      db.prisma.outputReviewSample.createMany({
        data: [
          { week: weeksBefore(new Date(), 1), source: "result", outputBytes: 10, verdict: "ok" },
          { week: weeksBefore(new Date(), 1), source: "result", outputBytes: 10 },
        ],
      }),
    status: "FAIL",
    evidence: ["1 of 2 samples was reviewed", "1 still waits"],
  },
  {
    check: "fn-review",
    name: "sampling switched off fails",
    setup: (db) => updateOutputSafetySettings(db.prisma, SYSTEM, { sampleRate: 0 }),
    status: "FAIL",
    evidence: ["sampling is switched off"],
  },
  {
    check: "fn-review",
    name: "no sample drawn last week (this week's do not count)",
    setup: (db) =>
      db.prisma.outputReviewSample.create({
        data: { week: weeksBefore(new Date(), 0), source: "result", outputBytes: 10 },
      }),
    status: "NO_DATA",
    evidence: ["No allowed output was sampled in week", "sample rate 1 %"],
  },
  // ---------------------------------------------------------------- Observability
  {
    check: "metrics",
    name: "every decision and result is in the rollups",
    setup: async (db) => {
      const t = await traffic(db);
      await reportResult(db.prisma, t.world.agent, t.read.decision_id, { status: "ok", duration_ms: 120 });
    },
    status: "PASS",
    evidence: ["3 server/action pairs", "3 decisions, 1 result, all counted", "github·read p95 120 ms, 0 % denied"],
  },
  {
    check: "metrics",
    name: "decisions missing from the rollups fail",
    setup: async (db) => {
      const t = await traffic(db);
      await reportResult(db.prisma, t.world.agent, t.read.decision_id, { status: "ok", duration_ms: 120 });
      await db.sql.exec(`DELETE FROM metric_decision_rollups WHERE server = 'notion'`);
    },
    status: "FAIL",
    evidence: ["notion·read: 0 of 1 decisions counted"],
  },
  {
    check: "metrics",
    name: "decisions but no reported result: no latency yet",
    setup: traffic,
    status: "NO_DATA",
    evidence: ["no agent reported a tool result"],
  },
  {
    check: "metrics",
    name: "no traffic",
    setup: async () => {},
    status: "NO_DATA",
    evidence: ["No call was decided in production"],
  },
  {
    check: "queue-slo",
    name: "a channel takes escalations and expiries",
    setup: async (db) => {
      await publish(db, "production");
      await db.prisma.notificationChannel.create({
        data: {
          name: "ops-pager",
          kind: "webhook",
          target: "https://hooks.example.com/ops",
          events: ["approval.escalated", "approval.expired"],
        },
      });
    },
    status: "PASS",
    evidence: [
      "Queue p50 alerts go to webhook channel “ops-pager”",
      "timeout alerts go to webhook channel “ops-pager”",
    ],
  },
  {
    check: "queue-slo",
    name: "the gates webhook carries p50, but nothing hears about timeouts",
    setup: async (db) => {
      await publish(db, "production");
      await db.prisma.setting.create({ data: { key: "gates.webhook_url", value: "https://hooks.example.com/gates" } });
      await db.prisma.notificationChannel.create({
        data: {
          name: "requests",
          kind: "webhook",
          target: "https://hooks.example.com/r",
          events: ["approval.requested"],
        },
      });
    },
    status: "FAIL",
    evidence: ["Timeout alerts have no destination"],
  },
  {
    check: "queue-slo",
    name: "no approval rule and no approvals: no queue",
    setup: (db) =>
      publish(
        db,
        "production",
        "version: v1\nrules:\n  - id: allow-reads\n    match:\n      labels:\n        mcp.action: read\n    decision: ALLOW\n",
      ),
    status: "NO_DATA",
    evidence: ["has no approval queue", "policy v1 has no REQUIRE_APPROVAL rule"],
  },
];
