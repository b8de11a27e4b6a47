import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_POLICY_YAML, SEED_TABLE } from "@/lib/policy/seed-table";
import { makeUser } from "@/lib/testing/principals";
import { openTestDb, testDbKinds } from "@/lib/testing/test-db";
import { verifyAuditChain } from "../audit";
import { decideChangeRequest } from "../change-requests";
import { HttpProblem } from "../errors";
import { getCurrentPolicy, invalidatePolicyCache } from "./current-policy";
import { policyOverview, saveDraft } from "./policy-store";
import { publishPolicy, rollbackPolicy } from "./publish";
import { simulate } from "./simulate";

const kinds = await testDbKinds();

describe.each(kinds)("policy snapshots on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => db?.dispose());

  it("starts a new environment from the seed policy as an unpublished draft", async () => {
    const o = await policyOverview(db.prisma, "staging");
    expect(o.current).toBeNull();
    expect(o.draft).toMatchObject({ saved: false, valid: true, differs_from_current: true });
    expect(o.draft.source).toBe(SEED_POLICY_YAML);
  });

  it("refuses an invalid draft with line and field, storing nothing", async () => {
    const { principal, actor } = await makeUser(db.prisma, "policy_author");
    const events = await db.prisma.auditEvent.count();
    const bad = "version: v1\nrules:\n  - id: Bad_Id\n    match: {}\n    decision: MAYBE\n";
    const err = await saveDraft(db.prisma, principal, actor, "development", bad).catch((e) => e);
    expect(err).toBeInstanceOf(HttpProblem);
    expect(err.status).toBe(422);
    expect(err.extra.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "rules[0].id", line: 3 }),
        expect.objectContaining({ path: "rules[0].decision", line: 5 }),
      ]),
    );
    expect(await db.prisma.policyDraft.count({ where: { environment: "development" } })).toBe(0);
    expect(await db.prisma.auditEvent.count()).toBe(events);
  });

  it("publishes immutable, numbered snapshots and decides the seed table with the current one", async () => {
    const { principal, actor } = await makeUser(db.prisma, "policy_author");
    const first = await publishPolicy(db.prisma, principal, actor, "staging", {
      source: SEED_POLICY_YAML,
      message: "seed",
    });
    expect(first).toMatchObject({ status: "published", snapshot: { version: 1, unreviewed: false } });
    const result = await simulate(db.prisma, "staging", { calls: SEED_TABLE.map((r) => ({ ...r.call })) });
    SEED_TABLE.forEach((row, i) => {
      expect(result.results[i], row.name).toMatchObject({
        decision: row.expected.decision,
        outcome: row.expected.outcome,
        rule_id: row.expected.ruleId,
      });
    });
    const second = await publishPolicy(db.prisma, principal, actor, "staging", {
      source: SEED_POLICY_YAML.replace("max_retries: 1", "max_retries: 0"),
      message: "stricter",
    });
    expect(second).toMatchObject({ status: "published", snapshot: { version: 2 } });
    const v1 = await db.prisma.policySnapshot.findUniqueOrThrow({
      where: { environment_version: { environment: "staging", version: 1 } },
    });
    expect(v1.source).toBe(SEED_POLICY_YAML);
    invalidatePolicyCache("staging");
    expect((await getCurrentPolicy(db.prisma, "staging"))?.version).toBe(2);
  });

  it("rolls back by publishing the old source as a new version with the old hash", async () => {
    const { principal, actor } = await makeUser(db.prisma, "policy_author");
    const out = await rollbackPolicy(db.prisma, principal, actor, "staging", 1);
    const v1 = await db.prisma.policySnapshot.findUniqueOrThrow({
      where: { environment_version: { environment: "staging", version: 1 } },
    });
    expect(out).toMatchObject({ status: "published", snapshot: { version: 3, hash: v1.hash, rolledBackFrom: 1 } });
  });

  it("sends a policy author's production publish to review, which the author cannot approve", async () => {
    const author = await makeUser(db.prisma, "policy_author");
    const reviewer = await makeUser(db.prisma, "policy_author");
    const out = await publishPolicy(db.prisma, author.principal, author.actor, "production", {
      source: SEED_POLICY_YAML,
      message: "go live",
    });
    expect(out.status).toBe("pending_review");
    expect(await getCurrentPolicy(db.prisma, "production", Date.now() + 5_000)).toBeNull();
    const id = out.status === "pending_review" ? out.change_request.id : "";
    await expect(decideChangeRequest(db.prisma, id, author.principal, { approve: true })).rejects.toMatchObject({
      status: 403,
    });
    const approved = await decideChangeRequest(db.prisma, id, reviewer.principal, { approve: true });
    expect(approved.status).toBe("APPROVED");
    const snap = await db.prisma.policySnapshot.findFirstOrThrow({ where: { environment: "production" } });
    expect(snap).toMatchObject({
      version: 1,
      authorLabel: author.principal.email,
      reviewedBy: reviewer.principal.email,
      unreviewed: false,
    });
    await expect(decideChangeRequest(db.prisma, id, reviewer.principal, { approve: true })).rejects.toMatchObject({
      status: 409,
    });
  });

  it("applies an admin's production publish at once, marked unreviewed in the audit trail", async () => {
    const admin = await makeUser(db.prisma, "admin");
    const out = await publishPolicy(db.prisma, admin.principal, admin.actor, "production", {
      source: SEED_POLICY_YAML.replace("max_runtime_sec: 60", "max_runtime_sec: 30"),
      message: "hotfix",
    });
    expect(out).toMatchObject({ status: "published", snapshot: { version: 2, unreviewed: true } });
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "policy.published", environment: "production" },
      orderBy: { seq: "desc" },
    });
    expect(event.data).toMatchObject({ unreviewed: true, version: 2 });
    expect((await verifyAuditChain(db.prisma)).ok).toBe(true);
  });

  it("simulates a draft without publishing it, and refuses an invalid draft", async () => {
    const deny = "version: v1\nrules:\n  - id: deny-all\n    match: {labels: {mcp.server: '*'}}\n    decision: DENY\n";
    const r = await simulate(db.prisma, "staging", { calls: [{ server: "github", action: "read" }], policy: deny });
    expect(r.results[0]).toMatchObject({ decision: "DENY", rule_id: "deny-all", policy: { version: null } });
    await expect(
      simulate(db.prisma, "staging", { calls: [{ server: "x", action: "read" }], policy: "rules: [" }),
    ).rejects.toMatchObject({ status: 422 });
  });

  it("denies in simulation when nothing tells the tool's class", async () => {
    const r = await simulate(db.prisma, "staging", { calls: [{ server: "github", tool: "not_in_catalog" }] });
    expect(r.results[0]).toMatchObject({ decision: "DENY", reason: "unknown_tool" });
  });
});
