import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DETECTOR_KINDS } from "@/lib/output-safety";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import type { CheckId, CheckStatus } from "@/lib/readiness/checklist";
import { invalidateCatalogView } from "@/lib/server/catalog/catalog-view";
import { sealCredentials } from "@/lib/server/catalog/servers";
import type { Database } from "@/lib/server/db";
import { reportResult } from "@/lib/server/enforcement/report-result";
import { weeksBefore } from "@/lib/server/output-safety/iso-week";
import { invalidateOutputSafetySettings, updateOutputSafetySettings } from "@/lib/server/output-safety/settings";
import { invalidatePolicyCache } from "@/lib/server/policies/current-policy";
import { writeSnapshot } from "@/lib/server/policies/policy-store";
import { enforcementWorld } from "@/lib/testing/enforcement-world";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { checkContext, evaluateCheck } from "./evaluate";
import { startLoopbackMcpServer, type LoopbackMcpServer } from "./mcp-test-servers";

const kinds = await testDbKinds();
const SYSTEM = { type: "system" as const, id: null, label: "test" };
const LOOPBACK = ["127.0.0.1"];

let guarded: LoopbackMcpServer;
let open: LoopbackMcpServer;
beforeAll(async () => {
  guarded = await startLoopbackMcpServer({ token: "upstream-secret", name: "guarded" });
  open = await startLoopbackMcpServer({ name: "open" });
});
afterAll(async () => {
  await guarded.stop();
  await open.stop();
});

type Env = "development" | "staging" | "production";

/** Empties every table, so each row of the table below starts from nothing. */
async function reset(db: Database) {
  const tables = await db.sql.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_console_migrations'`,
  );
  await db.sql.exec(`TRUNCATE ${tables.map((t) => `"${String(t.tablename)}"`).join(", ")} RESTART IDENTITY CASCADE`);
  invalidateCatalogView();
  for (const e of ["development", "staging", "production"] as const) invalidatePolicyCache(e);
  invalidateOutputSafetySettings();
}

async function server(
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

async function agent(db: Database, environment: Env, scopes: string[], name = "agent") {
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

async function publish(db: Database, environment: Env, source = SEED_POLICY_YAML) {
  await db.prisma.$transaction((tx) => writeSnapshot(tx, SYSTEM, environment, { source, message: "test" }));
  invalidatePolicyCache(environment);
}

/** The seed's production world with traffic: an allowed read, a denied call and a held write. */
async function traffic(db: Database) {
  const world = await enforcementWorld(db, SEED_POLICY_YAML);
  const read = await world.call({ server: "github", tool: "get_file_contents", arguments: { path: "README.md" } });
  await world.call({ server: "notion", tool: "search", arguments: { q: "x" } });
  const held = await world.call({ server: "github", tool: "delete_repository", arguments: { repo: "acme/site" } });
  expect(read.body.decision).toBe("ALLOW");
  expect(held.body.decision).toBe("REQUIRE_APPROVAL");
  return { world, read: read.body, held: held.body };
}

interface Case {
  check: CheckId;
  name: string;
  environment?: Env;
  allowHosts?: string[];
  setup: (db: Database) => Promise<unknown>;
  status: CheckStatus;
  /** Words the evidence must contain. */
  evidence: (string | RegExp)[];
}

const CASES: Case[] = [
  // ---------------------------------------------------------------- Identity
  {
    check: "remote-auth",
    name: "a server that demands a token answers 401",
    environment: "development",
    setup: (db) => server(db, "development", "guarded", guarded.url),
    status: "PASS",
    evidence: ["The only active remote server refused an unauthenticated initialize (401)"],
  },
  {
    check: "remote-auth",
    name: "a server that answers anyone fails, named with its answer",
    environment: "development",
    setup: async (db) => {
      await server(db, "development", "guarded", guarded.url);
      await server(db, "development", "open", open.url);
    },
    status: "FAIL",
    evidence: [
      "1 of 2 active remote servers answered 401/403",
      /open answered 200 to an unauthenticated initialize at \d\d:\d\d:\d\d UTC/,
    ],
  },
  {
    check: "remote-auth",
    name: "only suspended servers: nothing to probe",
    environment: "development",
    setup: (db) => server(db, "development", "open", open.url, undefined, { status: "suspended" }),
    status: "NO_DATA",
    evidence: ["No active remote MCP server", "1 suspended server not probed"],
  },
  {
    check: "remote-auth",
    name: "production refuses a plain-http loopback URL: not verified, never a pass",
    environment: "production",
    setup: (db) => server(db, "production", "guarded", guarded.url),
    status: "NO_DATA",
    evidence: ["0 of 1 active remote servers answered 401/403", "refused by the SSRF guard"],
  },
  {
    check: "scoped-tokens",
    name: "scopes name catalogued servers and classes",
    setup: async (db) => {
      await server(db, "production", "github", "https://gh.example.com/mcp", [
        ["read_file", "read", "low"],
        ["create_issue", "write", "medium"],
      ]);
      await agent(db, "production", ["mcp:github:read", "mcp:*:write"]);
    },
    status: "PASS",
    evidence: ["All 2 scopes of 1 active agent name a server"],
  },
  {
    check: "scoped-tokens",
    name: "a scope for a class the catalog lacks fails, naming the agent",
    setup: async (db) => {
      await server(db, "production", "github", "https://gh.example.com/mcp", [["read_file", "read", "low"]]);
      await agent(db, "production", ["mcp:github:read", "mcp:github:admin"], "deployer");
      await agent(db, "production", ["mcp:github:read"], "reader");
    },
    status: "FAIL",
    evidence: ["1 of 2 agents holds scopes", "deployer holds mcp:github:admin (github has no admin tool)"],
  },
  {
    check: "scoped-tokens",
    name: "no agent in the environment",
    setup: (db) => agent(db, "staging", ["mcp:github:read"]),
    status: "NO_DATA",
    evidence: ["No active agent is registered in production"],
  },
  {
    check: "receipts",
    name: "every active server verifies receipts (a suspended one does not count)",
    setup: async (db) => {
      await server(db, "production", "github", "https://gh.example.com/mcp", undefined, { requiresReceipt: true });
      await server(db, "production", "jira", "https://jira.example.com/mcp", undefined, { requiresReceipt: true });
      await server(db, "production", "old", "https://old.example.com/mcp", undefined, { status: "suspended" });
      await server(db, "staging", "slack", "https://slack.example.com/mcp");
    },
    status: "PASS",
    evidence: ["All 2 active servers verify decision receipts"],
  },
  {
    check: "receipts",
    name: "a server without receipt checks is named",
    setup: async (db) => {
      await server(db, "production", "github", "https://gh.example.com/mcp", undefined, { requiresReceipt: true });
      await server(db, "production", "slack", "https://slack.example.com/mcp");
    },
    status: "FAIL",
    evidence: ["1 of 2 active servers verifies decision receipts (github); slack runs calls sent around the console"],
  },
  {
    check: "receipts",
    name: "no active server in the environment",
    setup: (db) => server(db, "staging", "github", "https://gh.example.com/mcp", undefined, { requiresReceipt: true }),
    status: "NO_DATA",
    evidence: ["No active server is catalogued in production"],
  },
  // ---------------------------------------------------------------- Network
  {
    check: "ssrf-guard",
    name: "production refuses private and metadata addresses",
    allowHosts: [],
    setup: async () => {},
    status: "PASS",
    evidence: ["Refused 26 of 26", "allowed 2 public controls"],
  },
  {
    check: "ssrf-guard",
    name: "a loopback allowance in production fails",
    allowHosts: ["127.0.0.1", "localhost"],
    setup: async () => {},
    status: "FAIL",
    evidence: ["https://127.0.0.1/", "Remove them from SSRF_ALLOW_HOSTS", "SSRF_ALLOW_HOSTS = 127.0.0.1, localhost"],
  },
  {
    check: "ssrf-guard",
    name: "development judges the rules and names its loopback allowance",
    environment: "development",
    allowHosts: ["127.0.0.1"],
    setup: async () => {},
    status: "PASS",
    evidence: ["(development only; not applied to this self-test)"],
  },
  // ---------------------------------------------------------------- Policy
  {
    check: "decision-logged",
    name: "every call has its outcome and the chain verifies",
    setup: traffic,
    status: "PASS",
    evidence: ["3 calls", "1 ALLOW, 0 CONSTRAINTS, 1 APPROVAL, 1 DENY", "verifies over 3 rows"],
  },
  {
    check: "decision-logged",
    name: "an outcome outside the four words (tampered) fails",
    setup: async (db) => {
      await traffic(db);
      await db.sql.exec(`UPDATE decisions SET outcome = 'MAYBE' WHERE decision = 'DENY'`);
    },
    status: "FAIL",
    evidence: ["DENY → MAYBE", "the decision chain breaks at seq 2 (hash mismatch"],
  },
  {
    check: "decision-logged",
    name: "an execution reported without a logged decision fails",
    setup: async (db) => {
      await traffic(db);
      await db.prisma.toolResult.create({
        data: {
          decisionId: "00000000-0000-4000-8000-000000000001",
          environment: "production",
          clientId: "rogue",
          server: "github",
          tool: "delete_repository",
          status: "ok",
          durationMs: 5,
          safetyAction: "ALLOW",
        },
      });
    },
    status: "FAIL",
    evidence: ["1 reported execution has no logged decision (e.g. 00000000-0000-4000-8000-000000000001)"],
  },
  {
    check: "decision-logged",
    name: "no call in the window",
    setup: async (db) => {
      await enforcementWorld(db, SEED_POLICY_YAML);
    },
    status: "NO_DATA",
    evidence: ["No call was decided in production in the last 24 h"],
  },
  {
    check: "no-unapproved-writes",
    name: "results reported only for allowed calls",
    setup: async (db) => {
      const t = await traffic(db);
      await reportResult(db.prisma, t.world.agent, t.read.decision_id, {
        status: "ok",
        duration_ms: 40,
        output: { text: "hello" },
      });
    },
    status: "PASS",
    evidence: ["0 unapproved high-risk writes", "among 1 reported execution"],
  },
  {
    check: "no-unapproved-writes",
    name: "a held high-risk write executed anyway fails, named",
    setup: async (db) => {
      const t = await traffic(db);
      await reportResult(db.prisma, t.world.agent, t.held.decision_id, {
        status: "ok",
        duration_ms: 40,
        output: { deleted: true },
      });
    },
    status: "FAIL",
    evidence: [
      /1 unapproved high-risk write in the last 24 h: github\.delete_repository by agt_\w+ at \d\d:\d\d:\d\d UTC/,
    ],
  },
  {
    check: "no-unapproved-writes",
    name: "no execution reported",
    setup: traffic,
    status: "NO_DATA",
    evidence: ["No tool execution was reported in production"],
  },
  {
    check: "approval-binding",
    name: "the approval's hashes verify against the snapshot and the originating decision",
    setup: traffic,
    status: "PASS",
    evidence: ["The only approval in the last 24 h stores a policy hash of a published snapshot"],
  },
  {
    check: "approval-binding",
    name: "a policy hash that is no published snapshot fails",
    setup: async (db) => {
      await traffic(db);
      await db.sql.exec(`UPDATE approvals SET "policyHash" = 'sha256:${"ab".repeat(32)}'`);
    },
    status: "FAIL",
    evidence: ["1 of 1 approvals does not verify", "is no published production snapshot"],
  },
  {
    check: "approval-binding",
    name: "a request hash that differs from the originating decision fails",
    setup: async (db) => {
      await traffic(db);
      await db.sql.exec(`UPDATE approvals SET "requestHash" = 'sha256:${"cd".repeat(32)}'`);
    },
    status: "FAIL",
    evidence: ["its request hash differs from the originating decision's"],
  },
  {
    check: "approval-binding",
    name: "no approval in the window",
    setup: async (db) => {
      const w = await enforcementWorld(db, SEED_POLICY_YAML);
      await w.call({ server: "github", tool: "get_file_contents" });
    },
    status: "NO_DATA",
    evidence: ["No approval was requested in production"],
  },
  // ---------------------------------------------------------------- Output
  {
    check: "output-safety",
    name: "default detectors: both paths on, self-test passes",
    setup: async () => {},
    status: "PASS",
    evidence: ["REDACT and QUARANTINE paths are enabled"],
  },
  {
    check: "output-safety",
    name: "every steering detector switched off fails",
    setup: (db) =>
      updateOutputSafetySettings(db.prisma, SYSTEM, {
        disabledKinds: DETECTOR_KINDS.filter((k) => k.category === "steering").map((k) => k.kind),
      }),
    status: "FAIL",
    evidence: ["nothing can be QUARANTINED"],
  },
  {
    check: "fn-review",
    name: "last week's sample fully reviewed",
    setup: (db) =>
      db.prisma.outputReviewSample.createMany({
        data: [
          { week: weeksBefore(new Date(), 1), source: "result", outputBytes: 10, verdict: "ok" },
          {
            week: weeksBefore(new Date(), 1),
            source: "result",
            outputBytes: 12,
            verdict: "missed",
            missedKind: "other",
          },
        ],
      }),
    status: "PASS",
    evidence: [`All 2 samples of week ${weeksBefore(new Date(), 1)} were reviewed; 1 marked as a miss`],
  },
  {
    check: "fn-review",
    name: "a sample still waiting fails",
    setup: (db) =>
      db.prisma.outputReviewSample.createMany({
        data: [
          { week: weeksBefore(new Date(), 1), source: "result", outputBytes: 10, verdict: "ok" },
          { week: weeksBefore(new Date(), 1), source: "result", outputBytes: 10 },
        ],
      }),
    status: "FAIL",
    evidence: ["1 of 2 samples was reviewed", "1 still waits"],
  },
  {
    check: "fn-review",
    name: "sampling switched off fails",
    setup: (db) => updateOutputSafetySettings(db.prisma, SYSTEM, { sampleRate: 0 }),
    status: "FAIL",
    evidence: ["sampling is switched off"],
  },
  {
    check: "fn-review",
    name: "no sample drawn last week (this week's do not count)",
    setup: (db) =>
      db.prisma.outputReviewSample.create({
        data: { week: weeksBefore(new Date(), 0), source: "result", outputBytes: 10 },
      }),
    status: "NO_DATA",
    evidence: ["No allowed output was sampled in week", "sample rate 1 %"],
  },
  // ---------------------------------------------------------------- Observability
  {
    check: "metrics",
    name: "every decision and result is in the rollups",
    setup: async (db) => {
      const t = await traffic(db);
      await reportResult(db.prisma, t.world.agent, t.read.decision_id, { status: "ok", duration_ms: 120 });
    },
    status: "PASS",
    evidence: ["3 server/action pairs", "3 decisions, 1 result, all counted", "github·read p95 120 ms, 0 % denied"],
  },
  {
    check: "metrics",
    name: "decisions missing from the rollups fail",
    setup: async (db) => {
      const t = await traffic(db);
      await reportResult(db.prisma, t.world.agent, t.read.decision_id, { status: "ok", duration_ms: 120 });
      await db.sql.exec(`DELETE FROM metric_decision_rollups WHERE server = 'notion'`);
    },
    status: "FAIL",
    evidence: ["notion·read: 0 of 1 decisions counted"],
  },
  {
    check: "metrics",
    name: "decisions but no reported result: no latency yet",
    setup: traffic,
    status: "NO_DATA",
    evidence: ["no agent reported a tool result"],
  },
  {
    check: "metrics",
    name: "no traffic",
    setup: async () => {},
    status: "NO_DATA",
    evidence: ["No call was decided in production"],
  },
  {
    check: "queue-slo",
    name: "a channel takes escalations and expiries",
    setup: async (db) => {
      await publish(db, "production");
      await db.prisma.notificationChannel.create({
        data: {
          name: "ops-pager",
          kind: "webhook",
          target: "https://hooks.example.com/ops",
          events: ["approval.escalated", "approval.expired"],
        },
      });
    },
    status: "PASS",
    evidence: [
      "Queue p50 alerts go to webhook channel “ops-pager”",
      "timeout alerts go to webhook channel “ops-pager”",
    ],
  },
  {
    check: "queue-slo",
    name: "the gates webhook carries p50, but nothing hears about timeouts",
    setup: async (db) => {
      await publish(db, "production");
      await db.prisma.setting.create({ data: { key: "gates.webhook_url", value: "https://hooks.example.com/gates" } });
      await db.prisma.notificationChannel.create({
        data: {
          name: "requests",
          kind: "webhook",
          target: "https://hooks.example.com/r",
          events: ["approval.requested"],
        },
      });
    },
    status: "FAIL",
    evidence: ["Timeout alerts have no destination"],
  },
  {
    check: "queue-slo",
    name: "no approval rule and no approvals: no queue",
    setup: (db) =>
      publish(
        db,
        "production",
        "version: v1\nrules:\n  - id: allow-reads\n    match:\n      labels:\n        mcp.action: read\n    decision: ALLOW\n",
      ),
    status: "NO_DATA",
    evidence: ["has no approval queue", "policy v1 has no REQUIRE_APPROVAL rule"],
  },
  // ---------------------------------------------------------------- Operations
  {
    check: "env-separation",
    name: "production agents are refused development's servers",
    setup: async (db) => {
      await agent(db, "production", ["mcp:*:read"]);
      await server(db, "development", "scratch", "https://scratch.dev.example.com/mcp", [
        ["wipe", "write", "high"],
        ["list", "read", "low"],
      ]);
      await server(db, "development", "github", "https://gh-dev.example.com/mcp");
      await server(db, "production", "github", "https://gh.example.com/mcp");
    },
    status: "PASS",
    evidence: [
      "3 simulated calls (1 agent × 3 tools of 2 servers in other environments)",
      "github resolves to production's own entry",
    ],
  },
  {
    check: "env-separation",
    name: "a production entry calling development's upstream as the same identity fails",
    setup: async (db) => {
      await agent(db, "production", ["mcp:*:read"]);
      await server(db, "development", "scratch", "https://scratch.dev.example.com/mcp", undefined, {
        credentials: { authorization: "Bearer dev" },
      });
      await server(db, "production", "mirror", "https://SCRATCH.dev.example.com/mcp/", undefined, {
        credentials: { authorization: "Bearer dev" },
      });
    },
    status: "FAIL",
    evidence: [
      "production/mirror calls development/scratch's upstream (https://scratch.dev.example.com/mcp) with the same credentials",
    ],
  },
  {
    check: "env-separation",
    name: "no agent in the environment",
    setup: (db) => server(db, "development", "scratch", "https://scratch.dev.example.com/mcp"),
    status: "NO_DATA",
    evidence: ["No active agent is registered in production"],
  },
  {
    check: "drill",
    name: "a drill passed this quarter",
    setup: async (db) => {
      await agent(db, "production", ["mcp:*:read"]);
      await db.prisma.drillReport.create({
        data: {
          environment: "production",
          status: "passed",
          runBy: "ops@example.com",
          finishedAt: new Date(),
          revokeEffectMs: 412,
          restoreEffectMs: 388,
        },
      });
    },
    status: "PASS",
    evidence: ["run by ops@example.com", "revocation took effect in 412 ms"],
  },
  {
    check: "drill",
    name: "only a failed drill this quarter fails",
    setup: async (db) => {
      await agent(db, "production", ["mcp:*:read"]);
      await db.prisma.drillReport.create({
        data: { environment: "production", status: "failed", runBy: "ops@example.com", finishedAt: new Date() },
      });
    },
    status: "FAIL",
    evidence: ["No revoke-and-restore drill passed in", "none has ever passed", "failed"],
  },
  {
    check: "drill",
    name: "no agents and no drill: nothing to revoke",
    setup: async () => {},
    status: "NO_DATA",
    evidence: ["has no agents yet and has never run a drill"],
  },
];

describe.each(kinds)("readiness checks on %s", (kind: DbKind) => {
  let db: Database & { dispose: () => Promise<void> };
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    await reset(db);
  });

  it.each(CASES.map((c) => [`${c.check} ${c.status}: ${c.name}`, c] as const))("%s", async (_name, c) => {
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

  it("every check has a PASS, a FAIL and a NO_DATA row on real data (active probes' NO_DATA comes from the report)", () => {
    for (const id of new Set(CASES.map((c) => c.check))) {
      const statuses = new Set(CASES.filter((c) => c.check === id).map((c) => c.status));
      const probeOnly = id === "ssrf-guard" || id === "output-safety";
      expect([...statuses].sort(), id).toEqual(probeOnly ? ["FAIL", "PASS"] : ["FAIL", "NO_DATA", "PASS"]);
    }
  });

  it("the remote-auth probe sends no credentials, even when the entry stores some", async () => {
    guarded.seen.length = 0;
    open.seen.length = 0;
    await server(db, "development", "guarded", guarded.url, undefined, {
      credentials: { authorization: "Bearer upstream-secret" },
    });
    await server(db, "development", "open", open.url, undefined, { credentials: { authorization: "Bearer whatever" } });
    const result = await evaluateCheck(checkContext(db.prisma, "development", { allowHosts: LOOPBACK }), "remote-auth");
    expect(result.status).toBe("FAIL");
    expect(guarded.seen.filter((s) => s.method === "POST")).toEqual([{ method: "POST", authorized: false }]);
    expect(open.seen.find((s) => s.method === "POST")).toEqual({ method: "POST", authorized: false });
    const guardedDetail = result.details.find((d) => d.server === "guarded")!;
    expect(guardedDetail).toMatchObject({ answer: "rejected", http_status: 401 });
    expect(String(guardedDetail.www_authenticate)).toContain("resource_metadata=");
  });
});
