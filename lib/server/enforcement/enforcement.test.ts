import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_POLICY_YAML, SEED_TABLE } from "@/lib/policy/seed-table";
import { chainHash, GENESIS_HASH } from "@/lib/audit/chain";
import { openTestDb, testDbKinds } from "@/lib/testing/test-db";
import { makeUser } from "@/lib/testing/principals";
import type { AgentPrincipal } from "../identity/token-guard";
import { invalidatePolicyCache } from "../policies/current-policy";
import { writeSnapshot } from "../policies/policy-store";
import { expireApprovals } from "./approvals";
import { decide } from "./decide";
import { decisionReply } from "./decision-http";
import { auditedCalls, policyImpact, ruleHits } from "../policies/impact";
import { voteOnApproval } from "./decide-approval";
import { decisionFacts, reportResult } from "./report-result";
import { productionAgentPrincipal } from "@/lib/testing/principals";

const kinds = await testDbKinds();

describe.each(kinds)("enforcement on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let agent: AgentPrincipal;

  async function call(body: {
    server: string;
    tool: string;
    arguments?: Record<string, unknown>;
    approval_id?: string;
    idempotency_key?: string;
  }) {
    const res = decisionReply(
      await decide(db.prisma, agent, { arguments: {}, ...body }, { started: performance.now() }),
      "test",
    );
    return { status: res.status, body: JSON.parse(JSON.stringify(res.body)) };
  }

  beforeAll(async () => {
    db = await openTestDb(kind);
    invalidatePolicyCache("production");
    const row = await db.prisma.agent.create({
      data: {
        clientId: `agt_${kind}`,
        name: "test agent",
        environment: "production",
        owner: "team-a",
        scopes: ["mcp:*:read", "mcp:*:write", "mcp:*:admin"],
        secretHash: "x",
      },
    });
    agent = productionAgentPrincipal(row);
    for (const [name, tools] of Object.entries({
      github: [
        ["get_file_contents", "read", "low"],
        ["create_issue", "write", "medium"],
      ],
      jira: [["create_issue", "write", "medium"]],
      notion: [
        ["search", "read", "low"],
        ["create_page", "write", "medium"],
      ],
      slack: [["admin_users_remove", "admin", "high"]],
    })) {
      await db.prisma.server.create({
        data: {
          environment: "production",
          name,
          transport: "remote_http",
          url: `https://${name}.example.com/mcp`,
          tools: { create: tools.map(([n, action, risk]) => ({ name: n, action, risk })) },
        },
      });
    }
    await db.prisma.server.create({
      data: {
        environment: "development",
        name: "devtools",
        transport: "stdio",
        command: "x",
        tools: { create: [{ name: "run", action: "read", risk: "low" }] },
      },
    });
    await db.prisma.$transaction((tx) =>
      writeSnapshot(tx, { type: "system", id: null, label: "test" }, "production", {
        source: SEED_POLICY_YAML,
        message: "seed",
      }),
    );
  });
  afterAll(async () => db?.dispose());

  it("decides the seed table", async () => {
    for (const row of SEED_TABLE) {
      const tool =
        row.call.server === "github"
          ? "get_file_contents"
          : row.call.server === "jira"
            ? "create_issue"
            : row.call.server === "slack"
              ? "admin_users_remove"
              : row.call.action === "read"
                ? "search"
                : "create_page";
      const r = await call({ server: row.call.server, tool });
      expect(r.body, row.name).toMatchObject({
        decision: row.expected.decision,
        outcome: row.expected.outcome,
        rule_id: row.expected.ruleId,
      });
    }
  });

  it("denies another environment's server and unknown ones with their reasons", async () => {
    expect((await call({ server: "devtools", tool: "run" })).body).toMatchObject({
      decision: "DENY",
      reason: "environment_mismatch",
    });
    expect((await call({ server: "nowhere", tool: "x" })).body).toMatchObject({
      decision: "DENY",
      reason: "unknown_server",
    });
    expect((await call({ server: "github", tool: "nope" })).body).toMatchObject({
      decision: "DENY",
      reason: "unknown_tool",
    });
  });

  it("writes every decision on one verifiable hash chain, with masked arguments", async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        call({
          server: "github",
          tool: "get_file_contents",
          arguments: { path: `f${i}`, password: "hunter2-hunter2" },
        }),
      ),
    );
    const rows = await db.prisma.decisionRecord.findMany({ orderBy: { seq: "asc" } });
    expect(rows.length).toBeGreaterThanOrEqual(38);
    let prev = GENESIS_HASH;
    for (const r of rows) {
      expect(r.prevHash).toBe(prev);
      const { seq: _s, prevHash: _p, hash, response: _r, at, ...fields } = r;
      expect(chainHash(prev, { ...fields, at: at.toISOString() })).toBe(hash);
      prev = hash;
    }
    expect(JSON.stringify(rows.map((r) => r.arguments))).not.toContain("hunter2-hunter2");
  });

  it("consumes an approved grant exactly once under 50 concurrent re-submits", async () => {
    const args = { project: "OPS", summary: "race" };
    const held = await call({ server: "jira", tool: "create_issue", arguments: args });
    expect(held.body).toMatchObject({ decision: "REQUIRE_APPROVAL", approval: { status: "PENDING" } });
    const approver = await makeUser(db.prisma, "approver");
    await voteOnApproval(db.prisma, held.body.approval.id, approver.principal, { approve: true });
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        call({ server: "jira", tool: "create_issue", arguments: args, approval_id: held.body.approval.id }),
      ),
    );
    expect(results.filter((r) => r.body.decision === "ALLOW")).toHaveLength(1);
    expect(results.filter((r) => r.body.reason === "approval_already_used")).toHaveLength(49);
  });

  it("opens one approval for 40 concurrent first asks of the same held call, and answers every ask with it", async () => {
    const args = { project: "OPS", summary: `stampede ${kind}` };
    const before = await db.prisma.decisionRecord.count();
    const asks = await Promise.all(
      Array.from({ length: 40 }, () => call({ server: "jira", tool: "create_issue", arguments: args })),
    );
    const ids = new Set(asks.map((a) => a.body.approval?.id));
    expect(asks.every((a) => a.body.decision === "REQUIRE_APPROVAL" && a.body.approval?.status === "PENDING")).toBe(
      true,
    );
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(await db.prisma.approval.count({ where: { clientId: agent.clientId, status: "PENDING", id } })).toBe(1);
    // Every ask is its own audited decision, bound to that approval, on the one chain.
    expect(await db.prisma.decisionRecord.count({ where: { approvalId: id } })).toBe(40);
    expect(await db.prisma.decisionRecord.count()).toBe(before + 40);
  });

  it("refuses an owner approving their own agent, needs a reason to deny, and expires pending requests", async () => {
    const owner = await makeUser(db.prisma, "approver");
    await db.prisma.agent.update({ where: { id: agent.agentId }, data: { ownerUserId: owner.principal.userId } });
    const held = await call({ server: "jira", tool: "create_issue", arguments: { n: 1 } });
    await expect(
      voteOnApproval(db.prisma, held.body.approval.id, owner.principal, { approve: true }),
    ).rejects.toMatchObject({ status: 403 });
    const other = await makeUser(db.prisma, "approver");
    await expect(
      voteOnApproval(db.prisma, held.body.approval.id, other.principal, { approve: false }),
    ).rejects.toMatchObject({ status: 422 });
    await db.prisma.approval.update({
      where: { id: held.body.approval.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await expireApprovals(db.prisma)).toBeGreaterThanOrEqual(1);
    expect((await db.prisma.approval.findUniqueOrThrow({ where: { id: held.body.approval.id } })).status).toBe(
      "EXPIRED",
    );
  });

  it("answers an idempotent repeat with the first decision and stores one row", async () => {
    const first = await call({ server: "github", tool: "get_file_contents", idempotency_key: "k-1" });
    const repeats = await Promise.all(
      Array.from({ length: 10 }, () => call({ server: "github", tool: "get_file_contents", idempotency_key: "k-1" })),
    );
    for (const r of repeats) expect(r.body.decision_id).toBe(first.body.decision_id);
    expect(await db.prisma.decisionRecord.count({ where: { idempotencyKey: "k-1" } })).toBe(1);
  });

  it("records one result per decision with its counts, refuses a repeat with 409 and counts nothing for it", async () => {
    const d = await call({ server: "github", tool: "get_file_contents", arguments: { path: "result.ts" } });
    const totals = async () => {
      const [r] = await db.sql.query(
        `SELECT coalesce(sum(count), 0)::int AS results, coalesce(sum("durationSumMs"), 0)::int AS ms FROM metric_result_rollups WHERE server = 'github'`,
      );
      const [l] = await db.sql.query(
        `SELECT coalesce(sum(count), 0)::int AS n FROM metric_latency_rollups WHERE server = 'github'`,
      );
      const [v] = await db.sql.query(
        `SELECT coalesce(sum(allowed), 0)::int AS n FROM output_verdict_rollups WHERE server = 'github' AND source = 'result'`,
      );
      return { results: Number(r.results), ms: Number(r.ms), latency: Number(l.n), verdicts: Number(v.n) };
    };
    const before = await totals();
    const output = { content: [{ type: "text", text: "export const x = 1;" }] };
    expect(
      await reportResult(db.prisma, agent, d.body.decision_id, { status: "ok", duration_ms: 42, output }),
    ).toMatchObject({ action: "ALLOW", unapproved_execution: false });
    await expect(
      reportResult(db.prisma, agent, d.body.decision_id, { status: "ok", duration_ms: 42, output }),
    ).rejects.toMatchObject({ status: 409 });
    expect(await totals()).toEqual({
      results: before.results + 1,
      ms: before.ms + 42,
      latency: before.latency + 1,
      verdicts: before.verdicts + 1,
    });
    expect(await db.prisma.toolResult.findUniqueOrThrow({ where: { decisionId: d.body.decision_id } })).toMatchObject({
      status: "ok",
      durationMs: 42,
      safetyAction: "ALLOW",
      unapproved: false,
    });
    await expect(reportResult(db.prisma, agent, "not-a-uuid", { status: "ok", duration_ms: 1 })).rejects.toMatchObject({
      status: 404,
    });
  });

  it("hands the gateway the written row's facts: the same as reading them back, and the same result row", async () => {
    const facts = async (body: Parameters<typeof decide>[2]) => {
      const res = await decide(db.prisma, agent, body, { started: performance.now() });
      if (res.kind !== "decision") throw new Error(`not decided: ${res.kind}`);
      const id = res.decisionId;
      expect(res.answer.decision_id).toBe(id);
      expect(res.facts, JSON.stringify(body)).toEqual(await decisionFacts(db.prisma, id));
      return { id, facts: res.facts, body: res.answer };
    };
    const allowed = await facts({ server: "github", tool: "get_file_contents", arguments: { path: "a" } });
    await facts({ server: "slack", tool: "admin_users_remove", arguments: {} });
    await facts({ server: "nowhere", tool: "x", arguments: {} });
    // The approval slow path writes its row in a transaction: the facts come from there.
    const held = await facts({ server: "jira", tool: "create_issue", arguments: { summary: "facts" } });
    expect(held.body.decision).toBe("REQUIRE_APPROVAL");
    await voteOnApproval(db.prisma, held.body.approval!.id, (await makeUser(db.prisma, "approver")).principal, {
      approve: true,
    });
    const granted = await facts({
      server: "jira",
      tool: "create_issue",
      arguments: { summary: "facts" },
      approval_id: held.body.approval!.id,
    });
    expect(granted.facts).toMatchObject({
      decision: "ALLOW",
      reason: "approval_granted",
      approvalId: held.body.approval!.id,
    });

    // One result reported with the handed-over facts, one with the read: the same row but for the decision id.
    const twin = await facts({ server: "github", tool: "get_file_contents", arguments: { path: "a" } });
    const output = { content: [{ type: "text", text: "token ghp_0123456789abcdefghijklmnopqrstuvwxyzAB" }] };
    const viaFacts = await reportResult(
      db.prisma,
      agent,
      allowed.id,
      { status: "ok", duration_ms: 7, output },
      allowed.facts,
    );
    const viaRead = await reportResult(db.prisma, agent, twin.id, { status: "ok", duration_ms: 7, output });
    expect(viaFacts).toEqual(viaRead);
    const row = async (decisionId: string) => {
      const {
        decisionId: _d,
        at: _at,
        ...rest
      } = await db.prisma.toolResult.findUniqueOrThrow({ where: { decisionId } });
      return rest;
    };
    expect(await row(allowed.id)).toEqual(await row(twin.id));
    // Another agent's decision is as unknown with facts as without.
    await expect(
      reportResult(
        db.prisma,
        { ...agent, clientId: "agt_other" },
        twin.id,
        { status: "ok", duration_ms: 1 },
        twin.facts,
      ),
    ).rejects.toMatchObject({ status: 404 });
  });

  it("counts rule hits and replays audited calls through a draft", async () => {
    const hits = await ruleHits(db.prisma, "production", 1);
    expect(hits.hits["allow-readonly-registered-servers"].total).toBeGreaterThanOrEqual(30);
    expect(hits.hits["allow-readonly-registered-servers"].by_outcome.ALLOW).toBeGreaterThanOrEqual(30);
    const calls = await auditedCalls(db.prisma, "production", 1);
    const denyAll = "version: v1\nrules:\n  - id: deny-all\n    match: {}\n    decision: DENY\n";
    const report = await policyImpact(db.prisma, "production", denyAll, calls);
    expect(report.total).toBe(calls.length);
    expect(report.changed).toBe(report.transitions.reduce((n, t) => n + t.count, 0));
    expect(report.transitions.find((t) => t.from === "ALLOW" && t.to === "DENY")?.count).toBeGreaterThanOrEqual(30);
    expect(report.by_rule[0].rule_id).toBe("deny-all");
  });

  it("refuses a NUL character in any string or key with 422 (PostgreSQL cannot store it, and it must not fail a batch)", async () => {
    const { checkJsonShape } = await import("../handler");
    expect(() => checkJsonShape({ arguments: { q: "a\u0000b" } }, "body")).toThrow(
      expect.objectContaining({ status: 422 }),
    );
    expect(() => checkJsonShape({ arguments: { "k\u0000": 1 } }, "body")).toThrow(
      expect.objectContaining({ status: 422 }),
    );
    expect(() => checkJsonShape({ arguments: { q: "fine" } }, "body")).not.toThrow();
  });

  it("fails closed when the decision cannot be written", async () => {
    const broken = await openTestDb(kind);
    await broken.close();
    await expect(
      decide(broken.prisma, agent, { server: "github", tool: "get_file_contents", arguments: {} }, { started: 0 }),
    ).rejects.toBeTruthy();
    await broken.dispose().catch(() => {});
  });
});
