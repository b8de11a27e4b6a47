import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import type { Database } from "@/lib/server/db";
import { voteOnApproval } from "@/lib/server/enforcement/decide-approval";
import { enforcementWorld, publish } from "@/lib/testing/enforcement-world";
import { makeUser } from "@/lib/testing/principals";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { checkContext, evaluateCheck } from "./evaluate";
import { emptyDatabase } from "@/lib/testing/empty-database";

const kinds = await testDbKinds();
const CHANGED_POLICY = SEED_POLICY_YAML.replace("max_retries: 1", "max_retries: 2");

/**
 * Two approvals with publishes between them and the check, as the demos and people produce them:
 * `spent` is asked under v1, survives two unchanged re-publishes, is approved and used under v3;
 * `waiting` is asked under a changed v4, and then v1's policy is rolled back in as v5.
 */
async function republishedWorld(db: Database) {
  const world = await enforcementWorld(db, SEED_POLICY_YAML);
  const approver = await makeUser(db.prisma, "approver");
  const asked = await world.call({ server: "github", tool: "delete_repository", arguments: { repo: "acme/site" } });
  expect(asked.body.decision).toBe("REQUIRE_APPROVAL");
  const spent = asked.body.approval.id as string;
  await publish(db, SEED_POLICY_YAML);
  await publish(db, SEED_POLICY_YAML);
  await voteOnApproval(db.prisma, spent, approver.principal, { approve: true });
  const used = await world.call({
    server: "github",
    tool: "delete_repository",
    arguments: { repo: "acme/site" },
    approval_id: spent,
  });
  expect(used.body.decision).toBe("ALLOW");
  await publish(db, CHANGED_POLICY);
  const held = await world.call({ server: "jira", tool: "create_issue", arguments: { title: "x" } });
  expect(held.body.decision).toBe("REQUIRE_APPROVAL");
  await publish(db, SEED_POLICY_YAML);
  const snapshots = await db.prisma.policySnapshot.findMany({ orderBy: { version: "asc" } });
  expect(snapshots.map((s) => s.version)).toEqual([1, 2, 3, 4, 5]);
  expect(new Set(snapshots.map((s) => s.hash)).size).toBe(2);
  return {
    spent,
    waiting: held.body.approval.id as string,
    usedDecision: used.body.decision_id as string,
    changedHash: snapshots[3].hash,
  };
}

interface Tamper {
  name: string;
  tamper: (db: Database, w: Awaited<ReturnType<typeof republishedWorld>>) => Promise<unknown>;
  evidence: string | RegExp;
}

const TAMPERS: Tamper[] = [
  {
    name: "the approval's request hash altered",
    tamper: (db, w) =>
      db.sql.query(`UPDATE approvals SET "requestHash" = $1 WHERE id = $2::uuid`, [
        `sha256:${"cd".repeat(32)}`,
        w.spent,
      ]),
    evidence: "its request hash differs from the originating decision's",
  },
  {
    name: "the approval's policy hash moved to another published snapshot's",
    tamper: (db, w) =>
      db.sql.query(`UPDATE approvals SET "policyHash" = $1 WHERE id = $2::uuid`, [w.changedHash, w.spent]),
    evidence: "policy hash belongs to v4, the approval says v1",
  },
  {
    name: "the approval's policy hash replaced by an unpublished one",
    tamper: (db, w) =>
      db.sql.query(`UPDATE approvals SET "policyHash" = $1 WHERE id = $2::uuid`, [
        `sha256:${"ab".repeat(32)}`,
        w.waiting,
      ]),
    evidence: "is no published production snapshot",
  },
  {
    name: "the approval's version moved to a re-publish of the same content",
    tamper: (db, w) => db.sql.query(`UPDATE approvals SET "policyVersion" = 2 WHERE id = $1::uuid`, [w.spent]),
    evidence: "its originating decision was made under v1, the approval says v2",
  },
  {
    name: "the approval's version moved to one never published",
    tamper: (db, w) => db.sql.query(`UPDATE approvals SET "policyVersion" = 9 WHERE id = $1::uuid`, [w.waiting]),
    evidence: "the approval names v9, no published production snapshot",
  },
  {
    name: "the originating decision row's request hash altered",
    tamper: (db, w) =>
      db.sql.query(
        `UPDATE decisions SET "requestHash" = $1 WHERE id = (SELECT "originDecisionId" FROM approvals WHERE id = $2::uuid)`,
        [`sha256:${"ef".repeat(32)}`, w.spent],
      ),
    evidence: "its request hash differs from the originating decision's",
  },
  {
    name: "the decision that used the grant moved to the changed policy",
    tamper: (db, w) =>
      db.sql.query(`UPDATE decisions SET "policyHash" = $1 WHERE id = $2::uuid`, [w.changedHash, w.usedDecision]),
    evidence: "it was used under another policy hash",
  },
];

describe.each(kinds)("approval-binding across re-publishes on %s", (kind: DbKind) => {
  let db: Database & { dispose: () => Promise<void> };
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    await emptyDatabase(db);
  });

  const check = () => evaluateCheck(checkContext(db.prisma, "production"), "approval-binding");

  it("approvals stay verified when their policy is re-published unchanged, changed or rolled back", async () => {
    const w = await republishedWorld(db);
    const result = await check();
    expect(result.status, result.evidence).toBe("PASS");
    expect(result.evidence).toContain("All 2 approvals in the last 24 h store a policy hash of a published snapshot");
    const spent = result.details.find((d) => d.approval_id === w.spent);
    expect(spent).toMatchObject({ status: "CONSUMED", policy_version: 1, problems: [] });
  });

  it.each(TAMPERS.map((t) => [t.name, t] as const))("fails when %s", async (_name, t) => {
    const w = await republishedWorld(db);
    await t.tamper(db, w);
    const result = await check();
    expect(result.status, result.evidence).toBe("FAIL");
    expect(result.evidence).toContain("1 of 2 approvals does not verify");
    const bad = result.details.filter((d) => (d.problems as string[]).length);
    expect(bad).toHaveLength(1);
    if (typeof t.evidence === "string") expect((bad[0].problems as string[]).join("; ")).toContain(t.evidence);
    else expect((bad[0].problems as string[]).join("; ")).toMatch(t.evidence);
  });
});
