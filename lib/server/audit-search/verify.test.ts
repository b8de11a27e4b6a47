import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { DecisionWriter } from "../enforcement/decision-writer";
import { decisionDetail, eventDetail } from "./detail";
import { fixtureDecisions, seedDecisions, seedEvents } from "./fixtures";
import { DECISION_ARGS_TSV, DECISION_META_TSV, EVENT_DATA_TSV, EVENT_META_TSV } from "./text-search";
import { verifyChains } from "./verify";

const kinds = await testDbKinds();

it("indexes exactly the full-text expressions the search uses", () => {
  const sql = readFileSync(
    path.resolve(import.meta.dirname, "../../../prisma/migrations/0007_audit_search/migration.sql"),
    "utf8",
  );
  for (const expr of [DECISION_META_TSV, DECISION_ARGS_TSV, EVENT_META_TSV, EVENT_DATA_TSV])
    expect(sql).toContain(`((${expr}))`);
});

describe.each(kinds)("chain verification and detail on %s", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  const rows = fixtureDecisions(30, new Date("2026-02-01T00:00:00Z"));

  beforeAll(async () => {
    db = await openTestDb(kind);
    await seedDecisions(db.prisma, rows.slice(0, 20), 7);
    // The group-committing writer of the hot path, several decisions in flight at once.
    const writer = new DecisionWriter(db.prisma);
    await Promise.all(rows.slice(20).map((r) => writer.write(r)));
    await seedEvents(db.prisma, rows);
  });
  afterAll(async () => db?.dispose());

  it("verifies both chains as written by the real writers", async () => {
    const report = await verifyChains(db.prisma);
    expect(report).toMatchObject({
      ok: true,
      break: null,
      checked: 34,
      chains: { audit_events: { ok: true, checked: 4 }, decisions: { ok: true, checked: 30 } },
    });
  });

  it("names the first broken decision when a stored decision is edited, then recovers when restored", async () => {
    const victim = await db.prisma.decisionRecord.findFirstOrThrow({ where: { id: rows[12].id } });
    await db.sql.query(`UPDATE decisions SET outcome = 'ALLOW', decision = 'ALLOW' WHERE id = $1::uuid`, [victim.id]);
    try {
      // The first test left a checkpoint at the head: only a full run recomputes what lies before it.
      expect((await verifyChains(db.prisma)).ok).toBe(true);
      const report = await verifyChains(db.prisma, { full: true });
      expect(report.ok).toBe(false);
      expect(report.break).toMatchObject({
        chain: "decisions",
        seq: String(victim.seq),
        id: victim.id,
        problem: "hash_mismatch",
      });
      expect(report.chains.audit_events.ok).toBe(true);
      expect(report.chains.decisions.checked).toBe(12);
      expect((await decisionDetail(db.prisma, victim.id, { payload: true })).decision.hash_verifies).toBe(false);
      // The full run moved the checkpoint back before the break, so incremental runs report it too.
      expect((await verifyChains(db.prisma)).break).toMatchObject({ chain: "decisions", seq: String(victim.seq) });
    } finally {
      await db.sql.query(`UPDATE decisions SET outcome = $2, decision = $3 WHERE id = $1::uuid`, [
        victim.id,
        victim.outcome,
        victim.decision,
      ]);
    }
    expect((await verifyChains(db.prisma)).ok).toBe(true);
  });

  it("detects a deleted decision as a broken link", async () => {
    const victim = await db.prisma.decisionRecord.findFirstOrThrow({ where: { id: rows[25].id } });
    await db.prisma.decisionRecord.delete({ where: { id: victim.id } });
    const next = await db.prisma.decisionRecord.findFirstOrThrow({
      where: { seq: { gt: victim.seq } },
      orderBy: { seq: "asc" },
    });
    const report = await verifyChains(db.prisma, { full: true });
    expect(report.break).toMatchObject({ chain: "decisions", seq: String(next.seq), problem: "prev_hash_mismatch" });
    await db.prisma.decisionRecord.create({ data: victim as never });
    expect((await verifyChains(db.prisma)).ok).toBe(true);
  });

  it("shows a decision with its policy snapshot, approval, votes and tool result; arguments only with audit:payload", async () => {
    const d = rows[4];
    const snapshot = await db.prisma.policySnapshot.create({
      data: {
        environment: d.environment,
        version: 1,
        source: "rules: []",
        canonical: "{}",
        hash: String(d.policyHash),
        authorLabel: "author@example.com",
        message: "first",
      },
    });
    const approval = await db.prisma.approval.create({
      data: {
        environment: d.environment,
        clientId: d.clientId,
        server: d.server,
        tool: d.tool,
        action: "write",
        risk: "high",
        arguments: d.arguments as object,
        requestHash: d.requestHash,
        policyHash: String(d.policyHash),
        policyVersion: 1,
        status: "APPROVED",
        expiresAt: new Date(Date.now() + 3_600_000),
        decidedAt: new Date(),
        decidedBy: "approver@example.com",
        decisionReason: "looks fine",
        decidedPolicyHash: String(d.policyHash),
        originDecisionId: d.id,
        votes: {
          create: { userId: snapshot.id, userLabel: "approver@example.com", vote: "approve", reason: "looks fine" },
        },
      },
    });
    await db.sql.query(`UPDATE decisions SET "approvalId" = $2::uuid WHERE id = $1::uuid`, [d.id, approval.id]);
    await db.prisma.toolResult.create({
      data: {
        decisionId: d.id,
        environment: d.environment,
        clientId: d.clientId,
        server: d.server,
        tool: d.tool,
        status: "ok",
        durationMs: 42,
        safetyAction: "REDACT",
        findings: [{ kind: "email", path: "/to" }],
      },
    });

    const auditor = await decisionDetail(db.prisma, d.id, { payload: true });
    expect(auditor.decision).toMatchObject({
      id: d.id,
      outcome: d.outcome,
      arguments: d.arguments,
      hash_verifies: false,
    });
    expect(auditor.policy).toMatchObject({
      version: 1,
      hash: d.policyHash,
      snapshot_found: true,
      snapshot_hash_matches: true,
      published_by: "author@example.com",
      history_url: `/policies?env=${d.environment}&tab=history`,
    });
    expect(auditor.approval).toMatchObject({
      id: approval.id,
      status: "APPROVED",
      decided_by: "approver@example.com",
      decision_reason: "looks fine",
      decided_policy_hash: d.policyHash,
      votes: [{ user: "approver@example.com", vote: "approve" }],
    });
    expect(auditor.approval?.arguments).toEqual(d.arguments);
    expect(auditor.result).toMatchObject({
      status: "ok",
      duration_ms: 42,
      safety_action: "REDACT",
      findings: [{ kind: "email", path: "/to" }],
    });

    const viewer = await decisionDetail(db.prisma, d.id, { payload: false });
    expect(viewer.decision.arguments).toBeNull();
    expect(viewer.decision.response).toBeNull();
    expect(viewer.approval?.arguments).toBeNull();
    expect(viewer.arguments_visible).toBe(false);
    expect(JSON.stringify(viewer)).not.toContain("acme/repo-");
    await db.sql.query(`UPDATE decisions SET "approvalId" = NULL WHERE id = $1::uuid`, [d.id]);
  });

  it("shows an event, whether its hash recomputes, and hides payload keys from viewers", async () => {
    const e = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "change_request.created" } });
    const auditor = await eventDetail(db.prisma, e.id, { payload: true });
    expect(auditor.event).toMatchObject({
      action: "change_request.created",
      hash_verifies: true,
      data: { payload: { secret_plan: "launch-codes-9000" } },
    });
    const viewer = await eventDetail(db.prisma, e.id, { payload: false });
    expect(JSON.stringify(viewer)).not.toMatch(/launch-codes|zebra-quartz/);
    const approvalEvent = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "approval.requested" } });
    expect((await eventDetail(db.prisma, approvalEvent.id, { payload: false })).links.approval_id).toBe(
      approvalEvent.targetId,
    );
  });
});
