import { afterAll, beforeAll } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import { makeUser } from "./principals";
import { openTestDb, testDbKinds, type DbKind } from "./test-db";

type Db = Awaited<ReturnType<typeof openTestDb>>;
type Principal = Awaited<ReturnType<typeof makeUser>>;

/** The server modules the world drives, loaded once the environment is fixed. */
async function operationsModules() {
  return {
    ...(await import("@/lib/server/agents")),
    ...(await import("@/lib/server/policies/publish")),
    ...(await import("@/lib/server/policies/current-policy")),
    ...(await import("@/lib/server/enforcement/decision-http")),
    ...(await import("@/lib/server/identity/issue-token")),
    ...(await import("@/lib/server/identity/metadata")),
    ...(await import("@/lib/server/identity/agent-state")),
    ...(await import("@/lib/server/identity/token-guard")),
  };
}
type Modules = Awaited<ReturnType<typeof operationsModules>>;

/**
 * The operations world: a `github` server catalogued in production and staging, the seed policy
 * published in production, an admin and an `ops-bot` agent of production. Call at the top of a
 * test file, before anything imports lib/env (it fixes PUBLIC_URL and the encryption key);
 * `onDatabase(kind)`, inside a describe, opens that database and makes it the process-wide one.
 */
export async function operationsSuite() {
  process.env.PUBLIC_URL = "http://console.test";
  process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";
  const m = await operationsModules();
  /** Past every cache bound: a change made before this pause must show on the next call. */
  const pastCacheBound = () => new Promise((r) => setTimeout(r, m.REVOCATION_CACHE_MS + 50));
  return {
    kinds: await testDbKinds(),
    pastCacheBound,
    call: (token: string, server: string, tool: string) => decisionCall(m, token, server, tool),
    onDatabase: (kind: DbKind) => operationsOnDatabase(m, kind, pastCacheBound),
  };
}

/** POST /api/v1/decisions as the token's agent, with no arguments. */
async function decisionCall(
  m: Modules,
  token: string,
  server: string,
  tool: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await m.postDecision(
    new Request(`http://console.test${m.DECISIONS_PATH}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ server, tool, arguments: {} }),
    }),
  );
  return { status: res.status, body: await res.json() };
}

function operationsOnDatabase(m: Modules, kind: DbKind, pastCacheBound: () => Promise<unknown>) {
  const world = {
    db: undefined as unknown as Db,
    admin: undefined as unknown as Principal,
    agent: undefined as unknown as Awaited<ReturnType<Modules["createAgent"]>>,
    tokenFor,
  };
  const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };

  async function tokenFor(agentId: string, scopes = ["mcp:github:read", "mcp:github:write"]) {
    const row = await world.db.prisma.agent.findUniqueOrThrow({ where: { id: agentId } });
    return m.issueAccessToken(world.db.prisma, row, { scopes, resource: m.resourceUrlFor(m.DECISIONS_PATH) });
  }

  beforeAll(async () => {
    world.db = await openTestDb(kind);
    // postDecision() and the drill reach the database through the process-wide handle.
    holder.__consoleDb = Promise.resolve(world.db);
    // Caches that would otherwise outlive a test database (they are process-wide); the catalog view re-reads after its bound.
    for (const e of ["development", "staging", "production"] as const) m.invalidatePolicyCache(e);
    m.__resetAgentStateCacheForTests();
    m.__resetTokenGuardCachesForTests();
    await pastCacheBound();
    Object.assign(world, await seedOperations(m, world.db.prisma));
  });
  afterAll(async () => {
    holder.__consoleDb = undefined;
    await world.db?.dispose();
  });
  return world;
}

async function seedOperations(m: Modules, prisma: PrismaClient) {
  const admin = await makeUser(prisma, "admin");
  const { catalogServer, GITHUB_TOOLS } = await import("./decision-path-world");
  for (const environment of ["production", "staging"] as const)
    await catalogServer(prisma, admin, environment, "github", GITHUB_TOOLS);
  await m.publishPolicy(prisma, admin.principal, admin.actor, "production", {
    source: SEED_POLICY_YAML,
    message: "seed",
  });
  const agent = await m.createAgent(
    prisma,
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
  return { admin, agent };
}
