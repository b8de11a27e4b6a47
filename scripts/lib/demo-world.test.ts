import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AgentClient } from "@/lib/agent-client";
import { parsePolicy } from "@/lib/policy";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import {
  attachWorld,
  FAULTS_ENCRYPTION_KEY,
  seedProduction,
  startWorldConsole,
  type WorldConsole,
} from "@/lib/testing/fuzz/console-world";
import { requireNextBuild } from "@/lib/testing/pg-instance";
import { freePort } from "@/lib/testing/server-everything";
import { createTestPgDatabase, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { adminToken, startConsole } from "../bench/console-process";
import {
  consoleCaller,
  DEMO_POLICY_YAML,
  DEMO_SERVERS,
  DemoRefusal,
  demoApproverToken,
  policyPlan,
  setUpDemoWorld,
  type DemoSetupOptions,
} from "./demo-world";

/**
 * The demos' setup (setUpDemoWorld, what npm run demo:agent and demo:traffic run first) against a
 * started console that already holds a person's work: their production and development policies
 * and servers. It must refuse rather than replace them, and work beside them in its own names.
 */
const kinds = await testDbKinds();
const DEMO_HASH = (() => {
  const parsed = parsePolicy(DEMO_POLICY_YAML);
  if (!parsed.ok) throw new Error("the demo policy does not parse");
  return parsed.hash;
})();
const USER_DEV_POLICY = SEED_POLICY_YAML.replace("max_retries: 1", "max_retries: 3");
const SCOPES = ["mcp:*:read", "mcp:*:write"];

const current = (message: string, hash = `sha256:${"a".repeat(64)}`) => ({
  version: 3,
  hash,
  message,
  authorLabel: "alice@example.com",
});
const draft = (edited: boolean, hash = `sha256:${"b".repeat(64)}`) => ({
  saved: edited,
  hash,
  differs_from_current: edited,
  updated_by: edited ? "bob@example.com" : null,
});

describe("policyPlan: what the demo may do with an environment's policy", () => {
  const rows: [string, Parameters<typeof policyPlan>[0], string, boolean, "keep" | "publish" | RegExp][] = [
    ["nothing published, no draft", { current: null, draft: draft(false) }, "staging", false, "publish"],
    [
      "the demo's policy is current",
      { current: current("[demo] x", DEMO_HASH), draft: draft(false) },
      "production",
      false,
      "keep",
    ],
    [
      "the demo's own older policy",
      { current: current("[demo] old"), draft: draft(false) },
      "staging",
      false,
      "publish",
    ],
    [
      "a person's policy",
      { current: current("tighten writes"), draft: draft(false) },
      "staging",
      false,
      /v3, published by alice@example.com \("tighten writes"\).*--yes/,
    ],
    [
      "a person's policy, --yes",
      { current: current("tighten writes"), draft: draft(false) },
      "staging",
      true,
      "publish",
    ],
    [
      "a person's production policy",
      { current: current("prod"), draft: draft(false) },
      "production",
      false,
      /never replace a published production policy/,
    ],
    [
      "a person's production policy, --yes",
      { current: current("prod"), draft: draft(false) },
      "production",
      true,
      /never replace a published production policy/,
    ],
    [
      "a person's draft beside the demo's older policy",
      { current: current("[demo] old"), draft: draft(true) },
      "staging",
      false,
      /unpublished edits by bob@example.com/,
    ],
    [
      "a person's draft and nothing published",
      { current: null, draft: draft(true) },
      "development",
      false,
      /unpublished edits by bob@example.com/,
    ],
    ["a person's draft, --yes", { current: null, draft: draft(true) }, "development", true, "publish"],
    [
      "a person's draft beside the demo's current policy",
      { current: current("[demo] x", DEMO_HASH), draft: draft(true) },
      "staging",
      false,
      "keep",
    ],
    [
      "an empty production",
      { current: null, draft: draft(false) },
      "production",
      false,
      /Production has no policy yet/,
    ],
    ["an empty production, --yes", { current: null, draft: draft(false) }, "production", true, "publish"],
  ];
  it.each(rows)("%s", (_name, overview, environment, yes, expected) => {
    if (expected instanceof RegExp) {
      expect(() => policyPlan(overview, environment, yes)).toThrow(DemoRefusal);
      expect(() => policyPlan(overview, environment, yes)).toThrow(expected);
    } else expect(policyPlan(overview, environment, yes).publish).toBe(expected === "publish");
  });
});

describe.each(kinds)("demo setup beside a person's work on %s", (kind: DbKind) => {
  let world: WorldConsole;
  let dispose: () => Promise<void>;
  const options = (o: Partial<DemoSetupOptions> = {}): DemoSetupOptions => ({
    environment: "development",
    yes: false,
    agentName: "demo-test",
    agents: 2,
    scopes: SCOPES,
    description: "created by demo-world.test.ts",
    ...o,
  });
  const setUp = (o: Partial<DemoSetupOptions> = {}) =>
    setUpDemoWorld(consoleCaller(world.url, world.adminToken), options(o));

  /** Everything a person could lose: every environment's policy (current and draft), servers and agents. */
  async function state() {
    const out: Record<string, unknown> = {};
    for (const env of ["development", "staging", "production"]) {
      const policy = (await world.call("GET", `/api/console/policies/${env}`)).body as {
        current: { version: number; hash: string; source: string; message: string } | null;
        draft: { source: string };
      };
      const servers = (await world.call("GET", `/api/console/servers?environment=${env}`)).body as {
        servers: { id: string; name: string; tools: { name: string }[] }[];
      };
      const agents = (await world.call("GET", `/api/console/agents?environment=${env}`)).body as {
        agents: { id: string; name: string }[];
      };
      out[env] = {
        current: policy.current,
        draft: policy.draft.source,
        servers: servers.servers.map((s) => [s.id, s.name, s.tools.map((t) => t.name).sort()]),
        agents: agents.agents.map((a) => [a.id, a.name]),
      };
    }
    return out as Record<
      "development" | "staging" | "production",
      {
        current: { version: number; hash: string; source: string; message: string } | null;
        draft: string;
        servers: [string, string, string[]][];
        agents: [string, string][];
      }
    >;
  }

  beforeAll(async () => {
    requireNextBuild();
    if (kind === "postgresql") {
      const db = await createTestPgDatabase();
      world = await startWorldConsole({ databaseUrl: db.url });
      dispose = async () => {
        await world.proc.stop();
        await db.drop();
      };
    } else {
      const proc = await startConsole(
        await freePort(),
        { ENCRYPTION_KEY: FAULTS_ENCRYPTION_KEY, LOG_LEVEL: "warn" },
        [],
        { quiet: true },
      );
      world = attachWorld(proc, await adminToken(proc.url));
      dispose = () => proc.stop();
    }
    // A person's work: the seed world in production, and their own policy in development.
    await seedProduction(world);
    await world.seed(
      "PUT",
      "/api/console/policies/development?publish=true&message=ours",
      USER_DEV_POLICY,
      "application/yaml",
    );
  }, 120_000);
  afterAll(async () => {
    await dispose?.();
  });

  it("the demo policy parses and names only demo servers", () => {
    const parsed = parsePolicy(DEMO_POLICY_YAML);
    expect(parsed.ok).toBe(true);
    const names = [...DEMO_POLICY_YAML.matchAll(/"([a-z-]+)"/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    for (const n of names) expect(n.startsWith("demo-") || n === "*").toBe(true);
    expect(DEMO_SERVERS.every((s) => s.name.startsWith("demo-"))).toBe(true);
  });

  it("refuses to replace a published production policy, even with --yes, and changes nothing", async () => {
    const before = await state();
    expect(before.production.current?.message).toBe("seed");
    for (const yes of [false, true]) {
      const refused = await setUp({ environment: "production", yes }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(DemoRefusal);
      expect(String((refused as Error).message)).toContain("never replace a published production policy");
    }
    expect(await state()).toEqual(before);
  });

  it("refuses to replace a person's development policy without --yes, and changes nothing", async () => {
    const before = await state();
    const refused = await setUp().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DemoRefusal);
    expect(String((refused as Error).message)).toMatch(
      /development policy \(v1, published by admin@example.com \("ours"\)\)/,
    );
    expect(await state()).toEqual(before);
  });

  it("works in its own names in an empty environment, and reuses them on a re-run", async () => {
    const before = await state();
    const first = await setUp({ environment: "staging" });
    expect(first.publishedVersion).toBe(1);
    const after = await state();
    expect(after.production).toEqual(before.production);
    expect(after.development).toEqual(before.development);
    expect(after.staging.current?.message).toMatch(/^\[demo\]/);
    expect(after.staging.servers.map((s) => s[1]).sort()).toEqual(DEMO_SERVERS.map((s) => s.name).sort());
    expect(after.staging.agents.map((a) => a[1])).toEqual(["demo-test-1", "demo-test-2"]);

    const again = await setUp({ environment: "staging" });
    expect(again.publishedVersion).toBeNull();
    expect(again.agents.map((a) => a.id)).toEqual(first.agents.map((a) => a.id));
    expect(await state()).toEqual(after);

    // The rotated secret works, and the demo policy governs the demo servers.
    const agent = again.agents[0];
    const client = new AgentClient({
      baseUrl: world.url,
      clientId: agent.clientId,
      clientSecret: agent.clientSecret,
      scopes: SCOPES,
    });
    expect((await client.decide({ server: "demo-github", tool: "get_file_contents", arguments: {} })).decision).toBe(
      "ALLOW",
    );
    expect((await client.decide({ server: "demo-jira", tool: "create_issue", arguments: {} })).decision).toBe(
      "REQUIRE_APPROVAL",
    );
    expect((await client.decide({ server: "demo-notion", tool: "search", arguments: {} })).decision).toBe("DENY");
  });

  it("leaves a person's unpublished draft alone when its own policy is already current", async () => {
    await world.seed("PUT", "/api/console/policies/staging", USER_DEV_POLICY, "application/yaml");
    // The demo's own policy is still current: nothing to publish, so the draft is left alone.
    const kept = await setUp({ environment: "staging" });
    expect(kept.publishedVersion).toBeNull();
    expect((await state()).staging.draft).toBe(USER_DEV_POLICY);
  });

  it("publishes over a person's development policy only with --yes, and production stays as it was", async () => {
    const before = await state();
    const world2 = await setUp({ yes: true });
    expect(world2.publishedVersion).toBe(2);
    const after = await state();
    expect(after.production).toEqual(before.production);
    expect(after.development.current?.message).toMatch(/^\[demo\]/);
  });

  it("reuses one demo approver, whose token works and is revoked afterwards", async () => {
    const api = consoleCaller(world.url, world.adminToken);
    const first = await demoApproverToken(api, world.url, "demo-approver-password-1");
    const second = await demoApproverToken(api, world.url, "demo-approver-password-2");
    const me = await world.call("GET", "/api/console/me", { token: second.token });
    expect(me.body).toMatchObject({ email: "demo-approver@example.com", role: "approver" });
    const users = (await world.call("GET", "/api/console/users")).body as { users: { email: string }[] };
    expect(users.users.filter((u) => u.email === "demo-approver@example.com")).toHaveLength(1);
    await first.revoke();
    await second.revoke();
    expect((await world.call("GET", "/api/console/me", { token: second.token })).status).toBe(401);
  });
});
