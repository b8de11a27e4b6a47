import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";

process.env.PUBLIC_URL = "http://console.test";
process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";

const { revokeIssuedToken, setAgentStatus, updateAgent } = await import("../agents");
const { submitCatalogChange } = await import("../catalog/submit-change");
const { publishPolicy } = await import("../policies/publish");
const { setKillSwitch } = await import("../operations/kill-switch");
const { forget } = await import("../change-feed");
const { agentState } = await import("./agent-state");
const { __resetTokenGuardCachesForTests } = await import("./token-guard");
const { decisionPathWorld } = await import("@/lib/testing/decision-path-world");

/**
 * docs/operations.md#revocation on one process: a revocation (agent or token), a disable, a scope change, a kill
 * switch, a publish and a suspension apply to the very next call, with every cache warmed just
 * before the change — no waiting for the 1 s re-read.
 */
const kinds = await testDbKinds();
type Db = Awaited<ReturnType<typeof openTestDb>>;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe.each(kinds)("changes apply to the next call on %s", (kind: DbKind) => {
  let db: Db;
  let world: Awaited<ReturnType<typeof decisionPathWorld>>;
  let agent: Awaited<ReturnType<typeof world.newAgent>>;
  const call = (token: string, tool?: string) => world.call(token, tool);
  const tokenFor = (scopes?: string[]) => world.tokenFor(agent.id, scopes);

  /** Two allowed calls: the second is answered from the warmed caches. */
  async function warm(token: string) {
    expect(await call(token)).toMatchObject({ status: 200, body: { decision: "ALLOW" } });
    expect(await call(token)).toMatchObject({ status: 200, body: { decision: "ALLOW" } });
  }

  beforeAll(async () => {
    db = await openTestDb(kind);
    forget("everything");
    __resetTokenGuardCachesForTests();
    world = await decisionPathWorld(db);
  });
  afterAll(async () => {
    world?.close();
    forget("everything");
    await db?.dispose();
  });
  beforeEach(async () => {
    agent = await world.newAgent();
  });

  it("a revoked agent's token is refused on the next call", async () => {
    const t = await tokenFor();
    await warm(t.access_token);
    await setAgentStatus(db.prisma, world.admin.actor, agent.id, "revoked", "rogue behaviour");
    const refused = await call(t.access_token);
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toMatch(/revoked/);
  });

  it("a revoked token is refused on the next call; the agent's other token still passes", async () => {
    const stolen = await tokenFor();
    const other = await tokenFor();
    await warm(stolen.access_token);
    await warm(other.access_token);
    await revokeIssuedToken(db.prisma, world.admin.actor, stolen.jti, "leaked in a CI log");
    expect((await call(stolen.access_token)).status).toBe(401);
    expect(await call(other.access_token)).toMatchObject({ status: 200, body: { decision: "ALLOW" } });
  });

  it("a disabled agent is refused on the next call, and passes again on the next call once enabled", async () => {
    const t = await tokenFor();
    await warm(t.access_token);
    await setAgentStatus(db.prisma, world.admin.actor, agent.id, "disabled", "paused");
    expect(await call(t.access_token)).toMatchObject({ status: 401, body: { detail: "The agent is disabled." } });
    await setAgentStatus(db.prisma, world.admin.actor, agent.id, "active");
    expect(await call(t.access_token)).toMatchObject({ status: 200, body: { decision: "ALLOW" } });
  });

  it("a scope taken from the agent is missing on the next call", async () => {
    const t = await tokenFor();
    await warm(t.access_token);
    expect(await call(t.access_token, "create_issue")).toMatchObject({ body: { decision: "REQUIRE_APPROVAL" } });
    await updateAgent(db.prisma, world.admin.actor, agent.id, { scopes: ["mcp:github:read"] });
    expect((await call(t.access_token, "create_issue")).status).toBe(403);
    expect(await call(t.access_token)).toMatchObject({ status: 200, body: { decision: "ALLOW" } });
  });

  it("the kill switch, a publish and a server suspension apply to the next call", async () => {
    const t = await tokenFor();
    await warm(t.access_token);
    await setKillSwitch(db.prisma, world.admin.actor, "production", "all", "freeze");
    expect(await call(t.access_token)).toMatchObject({ body: { decision: "DENY", reason: "kill_switch" } });
    await setKillSwitch(db.prisma, world.admin.actor, "production", "off", "thaw");
    expect(await call(t.access_token)).toMatchObject({ body: { decision: "ALLOW" } });

    await publishPolicy(db.prisma, world.admin.principal, world.admin.actor, "production", {
      source: SEED_POLICY_YAML.replace("decision: ALLOW", "decision: DENY"),
      message: "reads denied",
    });
    expect(await call(t.access_token)).toMatchObject({ body: { decision: "DENY" } });
    await publishPolicy(db.prisma, world.admin.principal, world.admin.actor, "production", {
      source: SEED_POLICY_YAML,
      message: "seed again",
    });
    expect(await call(t.access_token)).toMatchObject({ body: { decision: "ALLOW" } });

    const server = await db.prisma.server.findFirstOrThrow({ where: { environment: "production", name: "github" } });
    const setStatus = (status: "suspended" | "active") =>
      submitCatalogChange(db.prisma, world.admin.principal, world.admin.actor, {
        op: "set_status",
        serverId: server.id,
        status,
        reason: "test",
      });
    await setStatus("suspended");
    expect(await call(t.access_token)).toMatchObject({ body: { decision: "DENY", reason: "server_suspended" } });
    await setStatus("active");
    expect(await call(t.access_token)).toMatchObject({ body: { decision: "ALLOW" } });
  });

  it("a state read in flight during the revoke neither fills the cache nor answers later calls", async () => {
    const t = await tokenFor();
    forget({ kind: "agent", clientId: agent.client_id });
    // A read of the agent that has seen the row before the revoke, and is held back until after it commits.
    const readSeen = deferred();
    const release = deferred();
    const held = {
      agent: {
        findUnique: async (args: never) => {
          const row = await db.prisma.agent.findUnique(args);
          readSeen.resolve();
          await release.promise;
          return row;
        },
      },
      issuedToken: db.prisma.issuedToken,
    } as unknown as PrismaClient;
    const inFlight = agentState(held, { clientId: agent.client_id, jti: t.jti });
    await readSeen.promise;

    await setAgentStatus(db.prisma, world.admin.actor, agent.id, "revoked", "during a read");
    // Arriving while the old read is still held: it must not wait on it and take its answer.
    expect((await call(t.access_token)).status).toBe(401);
    release.resolve();
    expect((await inFlight).agent?.status).toBe("active");
    // Once the old read is in, it did not fill the cache either.
    expect((await call(t.access_token)).status).toBe(401);
    expect((await agentState(db.prisma, { clientId: agent.client_id, jti: t.jti })).agent?.status).toBe("revoked");
  });
});
