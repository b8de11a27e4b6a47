import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import { createServerSchema } from "@/lib/schemas/catalog";
import { makeUser } from "@/lib/testing/principals";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";

process.env.PUBLIC_URL = "http://console.test";
process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";

const { createAgent, revokeIssuedToken, setAgentStatus } = await import("../agents");
const { createServerOp } = await import("../catalog/servers");
const { submitCatalogChange } = await import("../catalog/submit-change");
const { publishPolicy } = await import("../policies/publish");
const { invalidatePolicyCache } = await import("../policies/current-policy");
const { postDecision, DECISIONS_PATH } = await import("../enforcement/decision-http");
const { issueAccessToken } = await import("../identity/issue-token");
const { resourceUrlFor } = await import("../identity/metadata");
const { REVOCATION_CACHE_MS, __resetAgentStateCacheForTests } = await import("../identity/agent-state");
const { __resetTokenGuardCachesForTests } = await import("../identity/token-guard");
const { activeIssuers } = await import("../identity/verify-external");
const { createApiToken } = await import("../api-tokens");
const ops = await import("./index");
const { quarterOf } = await import("./last-drill");

const kinds = await testDbKinds();
type Db = Awaited<ReturnType<typeof openTestDb>>;
type Principal = Awaited<ReturnType<typeof makeUser>>;

/** Past every cache bound: a change made before this pause must show on the next call. */
const pastCacheBound = () => new Promise((r) => setTimeout(r, REVOCATION_CACHE_MS + 50));

/** Caches that would otherwise outlive a test database (they are process-wide); the catalog view re-reads after its bound. */
async function resetProcessCaches() {
  for (const e of ["development", "staging", "production"] as const) invalidatePolicyCache(e);
  __resetAgentStateCacheForTests();
  __resetTokenGuardCachesForTests();
  await pastCacheBound();
}

async function call(
  token: string,
  server: string,
  tool: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await postDecision(
    new Request(`http://console.test${DECISIONS_PATH}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ server, tool, arguments: {} }),
    }),
  );
  return { status: res.status, body: await res.json() };
}

async function catalog(
  prisma: PrismaClient,
  admin: Principal,
  environment: "production" | "staging" | "development",
  name: string,
) {
  const input = createServerSchema.parse({
    environment,
    name,
    transport: "remote_http",
    url: `https://${name}-mcp.example.com/mcp`,
    owner: "platform",
    tools: [
      { name: "get_file_contents", action: "read", risk: "low" },
      { name: "create_issue", action: "write", risk: "medium" },
    ],
  });
  const result = await submitCatalogChange(prisma, admin.principal, admin.actor, createServerOp(input));
  if (!result.applied) throw new Error("expected the admin's change to apply");
  return result.server;
}

describe("quarters", () => {
  it.each([
    ["2026-01-01T00:00:00Z", "2026-Q1", "2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
    ["2026-03-31T23:59:59Z", "2026-Q1", "2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"],
    ["2026-04-01T00:00:00Z", "2026-Q2", "2026-04-01T00:00:00.000Z", "2026-07-01T00:00:00.000Z"],
    ["2026-12-31T12:00:00Z", "2026-Q4", "2026-10-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
  ])("%s is in %s", (at, label, start, end) => {
    expect(quarterOf(new Date(at))).toEqual({ label, start, end });
  });
});

describe.each(kinds)("operations on %s", (kind: DbKind) => {
  let db: Db;
  let admin: Principal;
  let agent: Awaited<ReturnType<typeof createAgent>>;
  const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };

  async function tokenFor(agentId: string, scopes = ["mcp:github:read", "mcp:github:write"]) {
    const row = await db.prisma.agent.findUniqueOrThrow({ where: { id: agentId } });
    return issueAccessToken(db.prisma, row, { scopes, resource: resourceUrlFor(DECISIONS_PATH) });
  }

  beforeAll(async () => {
    db = await openTestDb(kind);
    // postDecision() and the drill reach the database through the process-wide handle.
    holder.__consoleDb = Promise.resolve(db);
    await resetProcessCaches();
    admin = await makeUser(db.prisma, "admin");
    await catalog(db.prisma, admin, "production", "github");
    await catalog(db.prisma, admin, "staging", "github");
    await publishPolicy(db.prisma, admin.principal, admin.actor, "production", {
      source: SEED_POLICY_YAML,
      message: "seed",
    });
    agent = await createAgent(
      db.prisma,
      admin.actor,
      {
        name: "ops-bot",
        environment: "production",
        scopes: ["mcp:github:read", "mcp:github:write"],
        owner: "team-a",
        description: "",
      },
      null,
    );
  });
  afterAll(async () => {
    holder.__consoleDb = undefined;
    await db?.dispose();
  });

  it("a revoked token is refused on the next call after the cache bound; the agent's other tokens still pass", async () => {
    const stolen = await tokenFor(agent.id);
    const other = await tokenFor(agent.id);
    expect(await call(stolen.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "ALLOW" },
    });
    await revokeIssuedToken(db.prisma, admin.actor, stolen.jti, "leaked in a CI log");
    await pastCacheBound();
    const refused = await call(stolen.access_token, "github", "get_file_contents");
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/revoked/);
    expect(await call(other.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "ALLOW" },
    });
    const event = await db.prisma.auditEvent.findFirst({ where: { action: "token.revoke", targetId: stolen.jti } });
    expect(event?.data).toMatchObject({ reason: "leaked in a CI log" });
  });

  it("a revoked agent is refused (old and new tokens) until restored; restore lets new tokens pass, the old stay revoked", async () => {
    const before = await tokenFor(agent.id);
    expect((await call(before.access_token, "github", "get_file_contents")).status).toBe(200);
    await setAgentStatus(db.prisma, admin.actor, agent.id, "revoked", "rogue behaviour");
    await pastCacheBound();
    expect((await call(before.access_token, "github", "get_file_contents")).status).toBe(401);
    const during = await tokenFor(agent.id);
    const refused = await call(during.access_token, "github", "get_file_contents");
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/revoked/);

    await setAgentStatus(db.prisma, admin.actor, agent.id, "active", "owner fixed the prompt");
    const after = await tokenFor(agent.id);
    expect(await call(after.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "ALLOW" },
    });
    await pastCacheBound();
    expect((await call(before.access_token, "github", "get_file_contents")).status).toBe(401);
    const actions = (
      await db.prisma.auditEvent.findMany({
        where: { targetId: agent.id, action: { in: ["agent.revoke", "agent.restore"] } },
        orderBy: { seq: "asc" },
      })
    ).map((e) => e.action);
    expect(actions).toEqual(["agent.revoke", "agent.restore"]);
  });

  it("a suspended server is denied server_suspended on the next call after the cache bound, and allowed again once reactivated", async () => {
    const t = await tokenFor(agent.id);
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "ALLOW" },
    });
    const server = await db.prisma.server.findFirstOrThrow({ where: { environment: "production", name: "github" } });
    await submitCatalogChange(db.prisma, admin.principal, admin.actor, {
      op: "set_status",
      serverId: server.id,
      status: "suspended",
      reason: "upstream compromise",
    });
    await pastCacheBound();
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "DENY", reason: "server_suspended" },
    });
    await submitCatalogChange(db.prisma, admin.principal, admin.actor, {
      op: "set_status",
      serverId: server.id,
      status: "active",
      reason: "owner confirmed clean",
    });
    await pastCacheBound();
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({
      status: 200,
      body: { decision: "ALLOW" },
    });
  });

  it("the kill switch denies writes only, then everything, then nothing — at once on this process, each with an audited reason", async () => {
    const t = await tokenFor(agent.id);
    expect(await call(t.access_token, "github", "create_issue")).toMatchObject({
      body: { decision: "REQUIRE_APPROVAL" },
    });

    const on = await ops.setKillSwitch(db.prisma, admin.actor, "production", "writes", "unapproved write detected");
    expect(on).toMatchObject({
      mode: "writes",
      previous: "off",
      reason: "unapproved write detected",
      by: admin.actor.label,
    });
    expect(await call(t.access_token, "github", "create_issue")).toMatchObject({
      body: { decision: "DENY", reason: "kill_switch" },
    });
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({ body: { decision: "ALLOW" } });

    await ops.setKillSwitch(db.prisma, admin.actor, "production", "all", "escalating");
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({
      body: { decision: "DENY", reason: "kill_switch" },
    });
    expect((await ops.killSwitches(db.prisma)).find((s) => s.environment === "production")).toMatchObject({
      mode: "all",
      reason: "escalating",
    });

    await ops.setKillSwitch(db.prisma, admin.actor, "production", "off", "contained");
    expect(await call(t.access_token, "github", "get_file_contents")).toMatchObject({ body: { decision: "ALLOW" } });
    expect(await call(t.access_token, "github", "create_issue")).toMatchObject({
      body: { decision: "REQUIRE_APPROVAL" },
    });

    const events = await db.prisma.auditEvent.findMany({
      where: { action: { startsWith: "environment.kill_switch" } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, (e.data as { to: string }).to, (e.data as { reason: string }).reason])).toEqual(
      [
        ["environment.kill_switch_on", "writes", "unapproved write detected"],
        ["environment.kill_switch_on", "all", "escalating"],
        ["environment.kill_switch_off", "off", "contained"],
      ],
    );
  });

  it("the kill switch works in an environment with no policy published yet (no state row)", async () => {
    const res = await ops.setKillSwitch(db.prisma, admin.actor, "development", "all", "freeze");
    expect(res).toMatchObject({ environment: "development", mode: "all", previous: "off" });
    await ops.setKillSwitch(db.prisma, admin.actor, "development", "off", "thaw");
    expect((await ops.killSwitches(db.prisma)).map((s) => s.mode)).toEqual(["off", "off", "off"]);
  });

  it("finds a token from a decision id and revokes it from there", async () => {
    const t = await tokenFor(agent.id);
    const d = await call(t.access_token, "github", "get_file_contents");
    const found = await ops.lookupToken(db.prisma, d.body.decision_id as string);
    expect(found).toMatchObject({
      found_via: "decision",
      token: { jti: t.jti, client_id: agent.client_id, revoked_at: null, agent: { id: agent.id } },
      decision: { server: "github", outcome: "ALLOW" },
    });
    expect((await ops.lookupToken(db.prisma, t.jti)).found_via).toBe("jti");
    await expect(ops.lookupToken(db.prisma, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
  });

  it("revoking an external issuer removes it from the trusted set (re-read within a second) until restored", async () => {
    const issuer = await db.prisma.trustedIssuer.create({
      data: {
        name: "Corp IdP",
        issuer: "https://idp.example.com",
        jwksUri: "https://idp.example.com/jwks",
        audience: "mcp-server",
        algorithms: ["ES256"],
      },
    });
    await pastCacheBound();
    expect((await activeIssuers(db.prisma)).map((i) => i.id)).toContain(issuer.id);
    await ops.revokeIssuer(db.prisma, admin.actor, issuer.id, "IdP signing key leaked");
    await pastCacheBound();
    expect((await activeIssuers(db.prisma)).map((i) => i.id)).not.toContain(issuer.id);
    await expect(ops.revokeIssuer(db.prisma, admin.actor, issuer.id, "again")).rejects.toMatchObject({ status: 409 });
    expect((await ops.currentRevocations(db.prisma)).issuers.map((i) => i.id)).toContain(issuer.id);
    await ops.restoreIssuer(db.prisma, admin.actor, issuer.id, "key rotated at the IdP");
    await pastCacheBound();
    expect((await activeIssuers(db.prisma)).map((i) => i.id)).toContain(issuer.id);
    const events = await db.prisma.auditEvent.findMany({ where: { targetId: issuer.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, (e.data as { reason: string }).reason])).toEqual([
      ["trusted_issuer.revoke", "IdP signing key leaked"],
      ["trusted_issuer.restore", "key rotated at the IdP"],
    ]);
  });

  describe("drills", () => {
    it("explains what it needs when the environment has no active server with a read tool", async () => {
      await expect(ops.runDrill(db.prisma, admin.actor, "development")).rejects.toMatchObject({
        status: 422,
        slug: "drill-needs-read-tool",
      });
      expect(await db.prisma.drillReport.count({ where: { environment: "development" } })).toBe(0);
    });

    it("records a failed drill and restores the drill agent when revocation never shows", async () => {
      const alwaysAccepted = async () => Response.json({ decision: "ALLOW", reason: "fake" });
      const report = await ops.runDrill(db.prisma, admin.actor, "staging", { call: alwaysAccepted });
      expect(report.status).toBe("failed");
      expect(report.steps.map((s) => [s.key, s.ok])).toEqual([
        ["prepare", true],
        ["issue", true],
        ["baseline", true],
        ["revoke", true],
        ["refused", false],
      ]);
      expect(report.summary).toMatch(/Prove the next calls are refused/);
      const drillAgent = await db.prisma.agent.findFirstOrThrow({ where: { environment: "staging", drill: true } });
      expect(drillAgent.status).toBe("active");
      expect((await ops.lastDrill(db.prisma, "staging")).state).toBe("FAIL");
    });

    it("runs revoke-and-restore end to end on the real decision path, even where no policy allows the call", async () => {
      const report = await ops.runDrill(db.prisma, admin.actor, "staging");
      expect(report.status, report.summary).toBe("passed");
      expect(report.steps.map((s) => s.key)).toEqual([
        "prepare",
        "issue",
        "baseline",
        "revoke",
        "refused",
        "restore",
        "old-token",
        "reissue",
        "allowed",
      ]);
      expect(report.steps.every((s) => s.ok && s.started_at <= s.finished_at)).toBe(true);
      const byKey = Object.fromEntries(report.steps.map((s) => [s.key, s]));
      expect(byKey.baseline).toMatchObject({ http_status: 200, decision: "DENY", reason: "no_policy" });
      expect(byKey.baseline.detail).toMatch(/Revocation acts before policy/);
      expect(byKey.refused).toMatchObject({ http_status: 401 });
      expect(byKey["old-token"]).toMatchObject({ http_status: 401 });
      expect(byKey.allowed).toMatchObject({ http_status: 200 });
      expect(report.revoke_effect_ms).toBe(byKey.refused.time_to_effect_ms);
      expect(report.restore_effect_ms).toBe(byKey.allowed.time_to_effect_ms);
      console.log(
        `[${kind}] drill: revoke → refused in ${report.revoke_effect_ms} ms (${byKey.refused.calls} calls), restore → allowed in ${report.restore_effect_ms} ms`,
      );

      const stored = await ops.getDrillReport(db.prisma, report.id);
      expect(stored).toMatchObject({ status: "passed", run_by: admin.actor.label, environment: "staging" });
      const last = await ops.lastDrill(db.prisma, "staging");
      expect(last).toMatchObject({ state: "PASS", last_passed: { id: report.id }, last_run: { id: report.id } });
      expect(
        (await db.prisma.auditEvent.findFirst({ where: { action: "drill.passed", targetId: report.id } }))?.actorId,
      ).toBe(admin.actor.id);

      // The drill's calls are real decisions in the audit trail, told apart by the drill agent and the drill id.
      const drillAgent = await db.prisma.agent.findFirstOrThrow({ where: { environment: "staging", drill: true } });
      expect(drillAgent).toMatchObject({ status: "active", scopes: ["mcp:github:read"], name: "revocation-drill" });
      const decisions = await db.prisma.decisionRecord.findMany({
        where: { clientId: drillAgent.clientId, arguments: { path: ["drill_id"], equals: report.id } },
      });
      expect(decisions.length).toBeGreaterThanOrEqual(2);
    });

    it("refuses a second drill in the same environment while one is running", async () => {
      await db.prisma.drillReport.create({
        data: { environment: "staging", status: "running", runBy: "someone@example.com" },
      });
      await expect(ops.runDrill(db.prisma, admin.actor, "staging")).rejects.toMatchObject({
        status: 409,
        slug: "drill-running",
      });
      await db.prisma.drillReport.updateMany({ where: { status: "running" }, data: { status: "failed" } });
    });

    it("turns the quarter red when the last passed drill is from an earlier quarter", async () => {
      const lastQuarter = new Date(new Date(quarterOf(new Date()).start).getTime() - 86_400_000);
      await db.prisma.drillReport.create({
        data: {
          environment: "production",
          status: "passed",
          runBy: "x@example.com",
          startedAt: lastQuarter,
          finishedAt: lastQuarter,
        },
      });
      const last = await ops.lastDrill(db.prisma, "production");
      expect(last.state).toBe("FAIL");
      expect(last.last_passed?.finished_at).toBe(lastQuarter.toISOString());
      expect((await ops.lastDrill(db.prisma, "production", lastQuarter)).state).toBe("PASS");
    });
  });

  describe("runbooks", () => {
    it("seeds one runbook per gate and per incident type with the seed article's owners", async () => {
      const list = await ops.listRunbooks(db.prisma);
      expect(list.map((r) => [r.slug, r.kind, r.owner])).toEqual([
        ["auth-failure-rate", "gate", "Platform Security"],
        ["unapproved-high-risk-writes", "gate", "Governance"],
        ["approval-queue-p50", "gate", "Ops Lead"],
        ["tool-call-p95", "gate", "MCP Platform"],
        ["output-quarantine-ratio", "gate", "Safety Team"],
        ["deny-anomaly", "gate", "Security Operations"],
        ["token-theft", "incident", "Platform Security"],
        ["rogue-agent", "incident", "Security Operations"],
        ["upstream-compromise", "incident", "MCP Platform"],
      ]);
      expect(list.every((r) => r.review_state === "never" && r.version === 1)).toBe(true);
    });

    it("saves a new version as a review, keeps the old one, and refuses a save over an edit the editor never saw", async () => {
      const before = await ops.getRunbook(db.prisma, "token-theft");
      const saved = await ops.saveRunbook(db.prisma, admin.actor, "token-theft", {
        title: before.title,
        owner: "Identity team",
        body: `${before.body}\n\n## Contacts\n\nidentity-oncall`,
        base_version: 1,
      });
      expect(saved).toMatchObject({
        version: 2,
        owner: "Identity team",
        review_state: "current",
        reviewed_by: admin.actor.label,
      });
      await expect(
        ops.saveRunbook(db.prisma, admin.actor, "token-theft", { title: "x", owner: "y", body: "z", base_version: 1 }),
      ).rejects.toMatchObject({ status: 409, slug: "edit-conflict" });
      const after = await ops.getRunbook(db.prisma, "token-theft");
      expect(after.revisions.map((r) => r.version)).toEqual([2, 1]);
      expect(after.body).toContain("identity-oncall");
      const event = await db.prisma.auditEvent.findFirst({
        where: { action: "runbook.update", targetId: "token-theft" },
      });
      expect(event?.data).toMatchObject({ version: 2, changed: ["owner", "body"] });
      const reviewed = await ops.markRunbookReviewed(db.prisma, admin.actor, "deny-anomaly");
      expect(reviewed).toMatchObject({ version: 1, review_state: "current" });
      await expect(ops.getRunbook(db.prisma, "no-such-runbook")).rejects.toMatchObject({ status: 404 });
    });
  });

  describe("who may do what, through the route handlers", () => {
    async function bearer(role: "admin" | "viewer") {
      const u = await makeUser(db.prisma, role);
      return (await createApiToken(db.prisma, u.principal, u.actor, "t")).token as string;
    }
    const json = (method: string, token: string, body: unknown) => ({
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const ctx = (params: Record<string, string>) => ({ params: Promise.resolve(params) });

    it("a viewer reads operations state but cannot pull the kill switch, run a drill, revoke or edit runbooks (403, nothing stored)", async () => {
      const viewer = await bearer("viewer");
      const killSwitch = await import("@/app/api/console/environments/[environment]/kill-switch/route");
      const drills = await import("@/app/api/console/drills/route");
      const issuerRevoke = await import("@/app/api/console/operations/issuers/[id]/revoke/route");
      const runbook = await import("@/app/api/console/runbooks/[slug]/route");
      const environments = await import("@/app/api/console/environments/route");
      const eventsBefore = await db.prisma.auditEvent.count();
      const reportsBefore = await db.prisma.drillReport.count();

      expect(
        (
          await killSwitch.PUT(
            new Request("http://console.test/x", json("PUT", viewer, { mode: "all", reason: "x" })),
            ctx({ environment: "production" }),
          )
        ).status,
      ).toBe(403);
      expect(
        (await drills.POST(new Request("http://console.test/x", json("POST", viewer, { environment: "staging" }))))
          .status,
      ).toBe(403);
      expect(
        (
          await issuerRevoke.POST(
            new Request("http://console.test/x", json("POST", viewer, { reason: "x" })),
            ctx({ id: crypto.randomUUID() }),
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await runbook.PUT(
            new Request(
              "http://console.test/x",
              json("PUT", viewer, { title: "t", owner: "o", body: "b", base_version: 1 }),
            ),
            ctx({ slug: "token-theft" }),
          )
        ).status,
      ).toBe(403);
      expect(await db.prisma.auditEvent.count()).toBe(eventsBefore);
      expect(await db.prisma.drillReport.count()).toBe(reportsBefore);

      const read = await environments.GET(
        new Request("http://console.test/x", { headers: { authorization: `Bearer ${viewer}` } }),
      );
      expect(read.status).toBe(200);
      expect((await read.json()).environments).toHaveLength(3);
    });

    it("an admin's kill switch needs a known mode and a reason (422, nothing stored), and an unknown environment is 404", async () => {
      const adminToken = await bearer("admin");
      const killSwitch = await import("@/app/api/console/environments/[environment]/kill-switch/route");
      const eventsBefore = await db.prisma.auditEvent.count();
      expect(
        (
          await killSwitch.PUT(
            new Request("http://console.test/x", json("PUT", adminToken, { mode: "all" })),
            ctx({ environment: "production" }),
          )
        ).status,
      ).toBe(422);
      expect(
        (
          await killSwitch.PUT(
            new Request("http://console.test/x", json("PUT", adminToken, { mode: "half", reason: "x" })),
            ctx({ environment: "production" }),
          )
        ).status,
      ).toBe(422);
      expect(
        (
          await killSwitch.PUT(
            new Request("http://console.test/x", json("PUT", adminToken, { mode: "all", reason: "x" })),
            ctx({ environment: "prod" }),
          )
        ).status,
      ).toBe(404);
      expect(await db.prisma.auditEvent.count()).toBe(eventsBefore);
      const ok = await killSwitch.PUT(
        new Request("http://console.test/x", json("PUT", adminToken, { mode: "writes", reason: "through the API" })),
        ctx({ environment: "staging" }),
      );
      expect(ok.status).toBe(200);
      expect(await ok.json()).toMatchObject({ environment: "staging", mode: "writes" });
      await ops.setKillSwitch(db.prisma, admin.actor, "staging", "off", "test over");
    });
  });
});
