import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import type { CheckId, CheckStatus } from "@/lib/readiness/checklist";
import { sealCredentials } from "@/lib/server/catalog/servers";
import type { Database } from "@/lib/server/db";
import { invalidatePolicyCache } from "@/lib/server/policies/current-policy";
import { writeSnapshot } from "@/lib/server/policies/policy-store";
import { checkContext, evaluateCheck } from "@/lib/server/readiness/evaluate";
import { startLoopbackMcpServer, type LoopbackMcpServer } from "@/lib/server/readiness/mcp-test-servers";
import { enforcementWorld } from "./enforcement-world";
import { openTestDb, testDbKinds, type DbKind } from "./test-db";
import { emptyDatabase } from "./empty-database";

export const SYSTEM = { type: "system" as const, id: null, label: "test" };
export const LOOPBACK = ["127.0.0.1"];

/** Two MCP servers on loopback for the remote-auth probe: one demands a token, one answers anyone. */
export const upstreams = {} as { guarded: LoopbackMcpServer; open: LoopbackMcpServer };

export type Env = "development" | "staging" | "production";

export async function server(
  db: Database,
  environment: Env,
  name: string,
  url: string,
  tools: [string, string, string][] = [["echo", "read", "low"]],
  extra: { status?: string; credentials?: Record<string, string>; requiresReceipt?: boolean } = {},
) {
  return db.prisma.server.create({
    data: {
      environment,
      name,
      transport: "remote_http",
      url,
      status: extra.status ?? "active",
      credentialsEnc: extra.credentials ? sealCredentials({ headers: extra.credentials }) : null,
      requiresReceipt: extra.requiresReceipt ?? false,
      tools: { create: tools.map(([n, action, risk]) => ({ name: n, action, risk })) },
    },
  });
}

export async function agent(db: Database, environment: Env, scopes: string[], name = "agent") {
  return db.prisma.agent.create({
    data: {
      clientId: `agt_${name}_${Math.random().toString(36).slice(2, 8)}`,
      name,
      environment,
      scopes,
      secretHash: "x",
    },
  });
}

export async function publish(db: Database, environment: Env, source = SEED_POLICY_YAML) {
  await db.prisma.$transaction((tx) => writeSnapshot(tx, SYSTEM, environment, { source, message: "test" }));
  invalidatePolicyCache(environment);
}

/** The seed's production world with traffic: an allowed read, a denied call and a held write. */
export async function traffic(db: Database) {
  const world = await enforcementWorld(db, SEED_POLICY_YAML);
  const read = await world.call({ server: "github", tool: "get_file_contents", arguments: { path: "README.md" } });
  await world.call({ server: "notion", tool: "search", arguments: { q: "x" } });
  const held = await world.call({ server: "github", tool: "delete_repository", arguments: { repo: "acme/site" } });
  expect(read.body.decision).toBe("ALLOW");
  expect(held.body.decision).toBe("REQUIRE_APPROVAL");
  return { world, read: read.body, held: held.body };
}

/** One row of a readiness table: the world it sets up and what the check must answer on it. */
export interface Case {
  check: CheckId;
  name: string;
  environment?: Env;
  allowHosts?: string[];
  setup: (db: Database) => Promise<unknown>;
  status: CheckStatus;
  /** Words the evidence must contain. */
  evidence: (string | RegExp)[];
}

/**
 * Runs each case on a fresh, emptied database of each kind, under "readiness checks on <kind>";
 * `more` adds tests to the same describe, with the database at hand.
 */
export async function describeReadinessChecks(cases: Case[], more?: (db: () => Database) => void) {
  const kinds = await testDbKinds();
  beforeAll(async () => {
    upstreams.guarded = await startLoopbackMcpServer({ token: "upstream-secret", name: "guarded" });
    upstreams.open = await startLoopbackMcpServer({ name: "open" });
  });
  afterAll(async () => {
    await upstreams.guarded.stop();
    await upstreams.open.stop();
  });

  describe.each(kinds)("readiness checks on %s", (kind: DbKind) => {
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

    it.each(cases.map((c) => [`${c.check} ${c.status}: ${c.name}`, c] as const))("%s", async (_name, c) => {
      await c.setup(db);
      const ctx = checkContext(db.prisma, c.environment ?? "production", {
        allowHosts: c.allowHosts ?? LOOPBACK,
        probeTimeoutMs: 3_000,
      });
      const result = await evaluateCheck(ctx, c.check);
      expect(result.status, result.evidence).toBe(c.status);
      for (const e of c.evidence) {
        if (typeof e === "string") expect(result.evidence).toContain(e);
        else expect(result.evidence).toMatch(e);
      }
      expect(result.id).toBe(c.check);
      expect(result.fix_url.startsWith("/")).toBe(true);
      expect(Number.isNaN(Date.parse(result.checked_at))).toBe(false);
    });

    more?.(() => db);
  });
}
