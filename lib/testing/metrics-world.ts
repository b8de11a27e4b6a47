import http from "node:http";
import { afterAll, beforeAll, expect } from "vitest";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import { makeUser } from "./principals";
import { createTestPgDatabase, openTestDb, testDbKinds, type DbKind } from "./test-db";

type Db = Awaited<ReturnType<typeof openTestDb>>;
type AgentApi = typeof import("@/lib/server/enforcement/decision-http") & {
  resultRoute: typeof import("@/app/api/v1/decisions/[id]/result/route");
};
const BASE = "http://console.test";

/**
 * The metrics world: a staging `github` server (a low-risk read, a high-risk write) under the seed
 * policy, an agent of staging, an admin's and a viewer's API token, a metrics token for every
 * environment and one bound to staging, and a webhook receiver. Call at the top of a test file,
 * before anything imports lib/env; `onDatabase(kind)`, inside a describe, opens that database and
 * makes it the process-wide one.
 */
export async function metricsSuite() {
  process.env.PUBLIC_URL = BASE;
  process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";
  process.env.SSRF_ALLOW_HOSTS = "127.0.0.1";
  const { openDatabase } = await import("@/lib/server/db");
  const { applyMigrations } = await import("@/lib/server/migrate");
  const metricRoute = await import("@/app/api/metrics/[name]/route");
  const agentApi = {
    ...(await import("@/lib/server/enforcement/decision-http")),
    resultRoute: await import("@/app/api/v1/decisions/[id]/result/route"),
  };

  /** A migrated database; for PostgreSQL also its URL, so a second client ("another process") can open it. */
  async function openDb(kind: DbKind): Promise<{ db: Db; url?: string }> {
    if (kind === "embedded") return { db: await openTestDb(kind) };
    const created = await createTestPgDatabase();
    const db = await openDatabase({ databaseUrl: created.url, dataDir: "unused" });
    await applyMigrations(db.sql);
    return {
      db: {
        ...db,
        dispose: async () => {
          await db.close();
          await created.drop();
        },
      },
      url: created.url,
    };
  }

  const basic = (token: string) => `Basic ${Buffer.from(`gate:${token}`).toString("base64")}`;

  async function getMetric(name: string, query: string, authorization?: string) {
    const res = await metricRoute.GET(
      new Request(`${BASE}/api/metrics/${name}?${query}`, { headers: authorization ? { authorization } : {} }),
      { params: Promise.resolve({ name }) },
    );
    return {
      status: res.status,
      text: await res.text(),
      state: res.headers.get("x-metric-state"),
      type: res.headers.get("content-type"),
    };
  }

  return {
    kinds: await testDbKinds(),
    base: BASE,
    basic,
    getMetric,
    onDatabase: (kind: DbKind) => onDatabase(kind, openDb, agentApi),
  };
}

function onDatabase(
  kind: DbKind,
  openDb: (kind: DbKind) => Promise<{ db: Db; url?: string }>,
  { postDecision, DECISIONS_PATH, resultRoute }: AgentApi,
) {
  const world = {
    db: undefined as unknown as Db,
    url: undefined as string | undefined,
    adminPat: "",
    viewerPat: "",
    metricsToken: "",
    stagingToken: "",
    agentToken: "",
    /** Bodies the webhook receiver got. */
    received: [] as unknown[],
    hook: undefined as unknown as http.Server,
    decideCall,
    report,
  };
  const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };

  async function decideCall(tool: string, server = "github", token = world.agentToken) {
    const res = await postDecision(
      new Request(`${BASE}${DECISIONS_PATH}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ server, tool, arguments: { n: Math.random() } }),
      }),
    );
    return { status: res.status, body: (await res.json()) as { decision_id: string; decision: string } };
  }
  async function report(decisionId: string, durationMs: number, output: unknown = { ok: true }) {
    const res = await resultRoute.POST(
      new Request(`${BASE}/api/v1/decisions/${decisionId}/result`, {
        method: "POST",
        headers: { authorization: `Bearer ${world.agentToken}`, "content-type": "application/json" },
        body: JSON.stringify({ status: "ok", duration_ms: durationMs, output }),
      }),
      { params: Promise.resolve({ id: decisionId }) },
    );
    expect(res.status).toBe(200);
    return res.json();
  }

  beforeAll(async () => {
    ({ db: world.db, url: world.url } = await openDb(kind));
    holder.__consoleDb = Promise.resolve(world.db);
    await seedMetricsWorld(world);
  });
  afterAll(async () => {
    holder.__consoleDb = undefined;
    world.hook?.close();
    await world.db?.dispose();
  });
  return world;
}

async function seedMetricsWorld(world: {
  db: Db;
  adminPat: string;
  viewerPat: string;
  metricsToken: string;
  stagingToken: string;
  agentToken: string;
  received: unknown[];
  hook: http.Server;
}) {
  const { createAgent } = await import("@/lib/server/agents");
  const { createApiToken } = await import("@/lib/server/api-tokens");
  const { publishPolicy } = await import("@/lib/server/policies/publish");
  const { invalidatePolicyCache } = await import("@/lib/server/policies/current-policy");
  const { issueAccessToken } = await import("@/lib/server/identity/issue-token");
  const { __resetAgentStateCacheForTests, REVOCATION_CACHE_MS } = await import("@/lib/server/identity/agent-state");
  const { __resetTokenGuardCachesForTests } = await import("@/lib/server/identity/token-guard");
  const { createMetricsToken } = await import("@/lib/server/metrics/metrics-tokens");
  const db = world.db;
  for (const e of ["development", "staging", "production"] as const) invalidatePolicyCache(e);
  __resetAgentStateCacheForTests();
  __resetTokenGuardCachesForTests();
  await new Promise((r) => setTimeout(r, REVOCATION_CACHE_MS + 50));
  const admin = await makeUser(db.prisma, "admin");
  const viewer = await makeUser(db.prisma, "viewer");
  world.adminPat = (await createApiToken(db.prisma, admin.principal, admin.actor, "t")).token;
  world.viewerPat = (await createApiToken(db.prisma, viewer.principal, viewer.actor, "t")).token;
  world.metricsToken = (await createMetricsToken(db.prisma, admin.actor, { name: "ci gate" })).token;
  world.stagingToken = (
    await createMetricsToken(db.prisma, admin.actor, { name: "staging only", environment: "staging" })
  ).token;
  const { catalogServer } = await import("./decision-path-world");
  await catalogServer(db.prisma, admin, "staging", "github", [
    { name: "get_file_contents", action: "read", risk: "low" },
    { name: "delete_repository", action: "write", risk: "high" },
  ]);
  await publishPolicy(db.prisma, admin.principal, admin.actor, "staging", {
    source: SEED_POLICY_YAML,
    message: "seed",
  });
  const agent = await createAgent(
    db.prisma,
    admin.actor,
    {
      name: "bot",
      environment: "staging",
      scopes: ["mcp:github:read", "mcp:github:write"],
      owner: "team",
      description: "",
    },
    null,
  );
  const row = await db.prisma.agent.findUniqueOrThrow({ where: { id: agent.id } });
  world.agentToken = (
    await issueAccessToken(db.prisma, row, { scopes: ["mcp:github:read", "mcp:github:write"] })
  ).access_token;
  world.hook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      world.received.push(JSON.parse(body));
      res.end("ok");
    });
  });
  await new Promise<void>((r) => world.hook.listen(0, "127.0.0.1", r));
}
