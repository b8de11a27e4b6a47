import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import { reportResult } from "@/lib/server/enforcement/report-result";
import { enforcementWorld } from "../enforcement-world";
import { type Case, traffic } from "../readiness-world";

/** Policy: every decision logged, no unapproved writes, approvals bound to what was approved. */
export const POLICY_CASES: Case[] = [
  {
    check: "decision-logged",
    name: "every call has its outcome and the chain verifies",
    setup: traffic,
    status: "PASS",
    evidence: ["3 calls", "1 ALLOW, 0 CONSTRAINTS, 1 APPROVAL, 1 DENY", "verifies over 3 rows"],
  },
  {
    check: "decision-logged",
    name: "an outcome outside the four words (tampered) fails",
    setup: async (db) => {
      await traffic(db);
      await db.sql.exec(`UPDATE decisions SET outcome = 'MAYBE' WHERE decision = 'DENY'`);
    },
    status: "FAIL",
    evidence: ["DENY → MAYBE", "the decision chain breaks at seq 2 (hash mismatch"],
  },
  {
    check: "decision-logged",
    name: "an execution reported without a logged decision fails",
    setup: async (db) => {
      await traffic(db);
      await db.prisma.toolResult.create({
        data: {
          decisionId: "00000000-0000-4000-8000-000000000001",
          environment: "production",
          clientId: "rogue",
          server: "github",
          tool: "delete_repository",
          status: "ok",
          durationMs: 5,
          safetyAction: "ALLOW",
        },
      });
    },
    status: "FAIL",
    evidence: ["1 reported execution has no logged decision (e.g. 00000000-0000-4000-8000-000000000001)"],
  },
  {
    check: "decision-logged",
    name: "no call in the window",
    setup: async (db) => {
      await enforcementWorld(db, SEED_POLICY_YAML);
    },
    status: "NO_DATA",
    evidence: ["No call was decided in production in the last 24 h"],
  },
  {
    check: "no-unapproved-writes",
    name: "results reported only for allowed calls",
    setup: async (db) => {
      const t = await traffic(db);
      await reportResult(db.prisma, t.world.agent, t.read.decision_id, {
        status: "ok",
        duration_ms: 40,
        output: { text: "hello" },
      });
    },
    status: "PASS",
    evidence: ["0 unapproved high-risk writes", "among 1 reported execution"],
  },
  {
    check: "no-unapproved-writes",
    name: "a held high-risk write executed anyway fails, named",
    setup: async (db) => {
      const t = await traffic(db);
      await reportResult(db.prisma, t.world.agent, t.held.decision_id, {
        status: "ok",
        duration_ms: 40,
        output: { deleted: true },
      });
    },
    status: "FAIL",
    evidence: [
      /1 unapproved high-risk write in the last 24 h: github\.delete_repository by agt_\w+ at \d\d:\d\d:\d\d UTC/,
    ],
  },
  {
    check: "no-unapproved-writes",
    name: "no execution reported",
    setup: traffic,
    status: "NO_DATA",
    evidence: ["No tool execution was reported in production"],
  },
  {
    check: "approval-binding",
    name: "the approval's hashes verify against the snapshot and the originating decision",
    setup: traffic,
    status: "PASS",
    evidence: ["The only approval in the last 24 h stores a policy hash of a published snapshot"],
  },
  {
    check: "approval-binding",
    name: "a policy hash that is no published snapshot fails",
    setup: async (db) => {
      await traffic(db);
      await db.sql.exec(`UPDATE approvals SET "policyHash" = 'sha256:${"ab".repeat(32)}'`);
    },
    status: "FAIL",
    evidence: ["1 of 1 approvals does not verify", "is no published production snapshot"],
  },
  {
    check: "approval-binding",
    name: "a request hash that differs from the originating decision fails",
    setup: async (db) => {
      await traffic(db);
      await db.sql.exec(`UPDATE approvals SET "requestHash" = 'sha256:${"cd".repeat(32)}'`);
    },
    status: "FAIL",
    evidence: ["its request hash differs from the originating decision's"],
  },
  {
    check: "approval-binding",
    name: "no approval in the window",
    setup: async (db) => {
      const w = await enforcementWorld(db, SEED_POLICY_YAML);
      await w.call({ server: "github", tool: "get_file_contents" });
    },
    status: "NO_DATA",
    evidence: ["No approval was requested in production"],
  },
];
