import { afterAll, beforeAll } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import { createServerSchema } from "@/lib/schemas/catalog";
import { makeUser } from "./principals";
import { openTestDb, testDbKinds, type DbKind } from "./test-db";

type Db = Awaited<ReturnType<typeof openTestDb>>;
type Principal = Awaited<ReturnType<typeof makeUser>>;

/**
 * The operations world: a `github` server catalogued in production and staging, the seed policy
 * published in production, an admin and an `ops-bot` agent of production. Call at the top of a
 * test file, before anything imports lib/env (it fixes PUBLIC_URL and the encryption key);
 * `onDatabase(kind)`, inside a describe, opens that database and makes it the process-wide one.
 */
export async function operationsSuite() {
  process.env.PUBLIC_URL = "http://console.test";
  process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";
  const { createAgent } = await import("@/lib/server/agents");
  const { createServerOp } = await import("@/lib/server/catalog/servers");
  const { submitCatalogChange } = await import("@/lib/server/catalog/submit-change");
  const { publishPolicy } = await import("@/lib/server/policies/publish");
  const { invalidatePolicyCache } = await import("@/lib/server/policies/current-policy");
  const { postDecision, DECISIONS_PATH } = await import("@/lib/server/enforcement/decision-http");
  const { issueAccessToken } = await import("@/lib/server/identity/issue-token");
  const { resourceUrlFor } = await import("@/lib/server/identity/metadata");
  const { REVOCATION_CACHE_MS, __resetAgentStateCacheForTests } = await import("@/lib/server/identity/agent-state");
  const { __resetTokenGuardCachesForTests } = await import("@/lib/server/identity/token-guard");

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

  function onDatabase(kind: DbKind) {
    const world = {
      db: undefined as unknown as Db,
      admin: undefined as unknown as Principal,
      agent: undefined as unknown as Awaited<ReturnType<typeof createAgent>>,
      tokenFor,
    };
    const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };

    async function tokenFor(agentId: string, scopes = ["mcp:github:read", "mcp:github:write"]) {
      const row = await world.db.prisma.agent.findUniqueOrThrow({ where: { id: agentId } });
      return issueAccessToken(world.db.prisma, row, { scopes, resource: resourceUrlFor(DECISIONS_PATH) });
    }

    beforeAll(async () => {
      const db = await openTestDb(kind);
      world.db = db;
      // postDecision() and the drill reach the database through the process-wide handle.
      holder.__consoleDb = Promise.resolve(db);
      await resetProcessCaches();
      const admin = await makeUser(db.prisma, "admin");
      await catalog(db.prisma, admin, "production", "github");
      await catalog(db.prisma, admin, "staging", "github");
      await publishPolicy(db.prisma, admin.principal, admin.actor, "production", {
        source: SEED_POLICY_YAML,
        message: "seed",
      });
      world.admin = admin;
      world.agent = await createAgent(
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
      await world.db?.dispose();
    });
    return world;
  }

  return { kinds: await testDbKinds(), pastCacheBound, call, onDatabase };
}
