import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enforcementWorld } from "@/lib/testing/enforcement-world";
import { makeUser } from "@/lib/testing/principals";
import { openTestDb, testDbKinds } from "@/lib/testing/test-db";
import { callLockOf } from "./bind-approval";
import { voteOnApproval } from "./decide-approval";

const kinds = await testDbKinds();

const POLICY = `version: v1
rules:
  - id: jira-held
    match: {labels: {mcp.server: jira}}
    decision: REQUIRE_APPROVAL
`;

const CONSUMERS = 20;

/** Single-use approvals re-submitted by many consumers at once (SPEC §5): one is allowed, the rest told it is used. */
describe.each(kinds)("parallel consumers of one approval on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let world: Awaited<ReturnType<typeof enforcementWorld>>;
  let approver: Awaited<ReturnType<typeof makeUser>>;

  beforeAll(async () => {
    db = await openTestDb(kind);
    world = await enforcementWorld(db, POLICY);
    approver = await makeUser(db.prisma, "approver");
  });
  afterAll(async () => db?.dispose());

  /** A held call, approved: its approval id and request hash. */
  async function approvedCall(summary: string) {
    const args = { project: "OPS", summary };
    const held = await world.call({ server: "jira", tool: "create_issue", arguments: args });
    expect(held.body).toMatchObject({ decision: "REQUIRE_APPROVAL", approval: { status: "PENDING" } });
    await voteOnApproval(db.prisma, held.body.approval.id, approver.principal, { approve: true });
    const consume = () =>
      world.call({ server: "jira", tool: "create_issue", arguments: args, approval_id: held.body.approval.id });
    return { id: held.body.approval.id as string, requestHash: held.body.request_hash as string, consume };
  }

  const statusOf = async (id: string) => (await db.prisma.approval.findUniqueOrThrow({ where: { id } })).status;

  it(`allows one of ${CONSUMERS} parallel consumers and tells every other one it was used`, async () => {
    const approval = await approvedCall("twenty at once");
    const answers = await Promise.all(Array.from({ length: CONSUMERS }, approval.consume));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.decision === "ALLOW")).toHaveLength(1);
    const others = answers.filter((a) => a.body.decision !== "ALLOW");
    expect(others.map((a) => `${a.body.decision} ${a.body.reason}`)).toEqual(
      Array(CONSUMERS - 1).fill("DENY approval_already_used"),
    );
    expect(await statusOf(approval.id)).toBe("CONSUMED");
    const rows = await db.prisma.decisionRecord.findMany({ where: { approvalId: approval.id } });
    // The ask that opened it, and one durable row per consumer.
    expect(rows).toHaveLength(CONSUMERS + 1);
    expect(rows.filter((r) => r.decision === "ALLOW")).toHaveLength(1);
    const consumedEvents = await db.prisma.auditEvent.count({
      where: { action: "approval.consumed", targetId: approval.id },
    });
    expect(consumedEvents).toBe(1);
  });

  // Another connection can hold the lock only on PostgreSQL (PGlite has one connection).
  if (kind === "postgresql")
    it("answers consumers at once while another transaction holds the call, and leaves the approval usable", async () => {
      const approval = await approvedCall("held by another host");
      const [lockClass, lockKey] = callLockOf(world.agent.clientId, approval.requestHash);
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      // Another host's consumer, mid-transaction on the same call: it has the call's lock and has not committed.
      const other = db.hot.transaction(async (q) => {
        await q(`SELECT pg_advisory_xact_lock($1, $2)`, [lockClass, lockKey]);
        holding();
        await released;
      });
      await held;
      try {
        // Queueing behind the lock would never settle while it is held; every answer must come now.
        const answers = await Promise.all(Array.from({ length: CONSUMERS }, approval.consume));
        expect(answers.map((a) => `${a.status} ${a.body.decision} ${a.body.reason}`)).toEqual(
          Array(CONSUMERS).fill("200 DENY approval_already_used"),
        );
        expect(await statusOf(approval.id)).toBe("APPROVED");
      } finally {
        release();
        await other;
      }
      // The other transaction ended without using it: the denials consumed nothing, and one consumer may now.
      expect((await approval.consume()).body).toMatchObject({ decision: "ALLOW", reason: "approval_granted" });
      expect((await approval.consume()).body).toMatchObject({ decision: "DENY", reason: "approval_already_used" });
      expect(await statusOf(approval.id)).toBe("CONSUMED");
    });
});
