import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import { startConsole } from "@/scripts/bench/console-process";
import {
  attachWorld,
  countBy,
  FAULTS_ENCRYPTION_KEY,
  newAgent,
  newUserToken,
  postDecision,
  seedProduction,
  type DecisionAnswer,
  type WorldConsole,
} from "@/lib/testing/fuzz/console-world";
import { freePort } from "@/lib/testing/server-everything";
import {
  postgresBinariesForFaultTests,
  requireNextBuild,
  startPgInstance,
  type PgInstance,
} from "@/lib/testing/pg-instance";
import { adminToken } from "@/scripts/bench/console-process";

/**
 * Two console processes (server.ts) on one PostgreSQL database, started at the same moment:
 * approval grants, idempotency keys, policy publishes and revocations behave exactly once across
 * both. Concurrent requests are split between the processes.
 */
const hasBinaries = postgresBinariesForFaultTests();
const SPLIT = 8;

describe.skipIf(!hasBinaries)("two console processes on one database", () => {
  let pgi: PgInstance;
  let a: WorldConsole;
  let b: WorldConsole;
  let db: pg.Client;

  /** The same call sent SPLIT times to each process, all at once. */
  const onBoth = (token: string, call: Record<string, unknown>): Promise<DecisionAnswer[]> =>
    Promise.all([
      ...Array.from({ length: SPLIT }, () => postDecision(a.url, token, call)),
      ...Array.from({ length: SPLIT }, () => postDecision(b.url, token, call)),
    ]);

  beforeAll(async () => {
    requireNextBuild();
    pgi = await startPgInstance();
    const databaseUrl = await pgi.createDatabase("faults_two");
    const [portA, portB] = [await freePort(), await freePort()];
    // One deployment behind one name; both processes migrate and bootstrap at the same moment.
    const shared = {
      DATABASE_URL: databaseUrl,
      ENCRYPTION_KEY: FAULTS_ENCRYPTION_KEY,
      LOG_LEVEL: "warn",
      PUBLIC_URL: `http://127.0.0.1:${portA}`,
    };
    const [pa, pb] = await Promise.all([
      startConsole(portA, shared, [], { quiet: true }),
      startConsole(portB, shared, [], { quiet: true }),
    ]);
    const token = await adminToken(pa.url);
    a = attachWorld(pa, token);
    b = attachWorld(pb, token);
    await seedProduction(a);
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await Promise.all([a?.proc.stop(), b?.proc.stop()]);
    await pgi?.remove();
  }, 60_000);

  it("consumes an approval grant exactly once when re-submits race on both processes", async () => {
    const agent = await newAgent(a, "grant-bot", ["mcp:jira:write"]);
    const approverToken = await newUserToken(a, "approver", "approver@faults.test");
    const token = await agent.client.accessToken();
    const call = { server: "jira", tool: "create_issue", arguments: { summary: "race" } };
    const first = await agent.client.decide(call);
    expect(first.decision).toBe("REQUIRE_APPROVAL");
    const approvalId = first.approval!.id;
    const approved = await b.call("POST", `/api/console/approvals/${approvalId}/approve`, {
      body: { reason: "fine" },
      token: approverToken,
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const answers = await onBoth(token, { ...call, approval_id: approvalId });
    const tally = countBy(answers, (x) => `${x.status} ${x.decision} ${x.reason}`);
    const allows = answers.filter((x) => x.decision === "ALLOW");
    expect(allows.length, JSON.stringify(tally)).toBe(1);
    expect(
      answers.filter((x) => x.status !== 200),
      JSON.stringify(tally),
    ).toEqual([]);
    expect(
      answers.filter((x) => x.decision !== "ALLOW").every((x) => x.reason === "approval_already_used"),
      JSON.stringify(tally),
    ).toBe(true);

    const rows = await db.query(`SELECT decision FROM decisions WHERE "approvalId" = $1 AND decision = 'ALLOW'`, [
      approvalId,
    ]);
    expect(rows.rowCount).toBe(1);
    const status = await db.query(`SELECT status FROM approvals WHERE id = $1`, [approvalId]);
    expect(status.rows[0].status).toBe("CONSUMED");
  });

  it("stores one decision per idempotency key sent to both processes at once (fast and approval paths)", async () => {
    const agent = await newAgent(a, "idem-bot", ["mcp:github:read", "mcp:jira:write"]);
    const token = await agent.client.accessToken();
    for (const [key, call, expected] of [
      ["idem-fast", { server: "github", tool: "get_file_contents", arguments: { path: "a" } }, "ALLOW"],
      ["idem-slow", { server: "jira", tool: "create_issue", arguments: { summary: "idem" } }, "REQUIRE_APPROVAL"],
    ] as const) {
      const answers = await onBoth(token, { ...call, idempotency_key: key });
      const tally = countBy(answers, (x) => `${x.status} ${x.decision} ${x.reason ?? x.detail}`);
      expect(
        answers.filter((x) => x.status !== 200 || x.decision !== expected),
        `${key}: ${JSON.stringify(tally)}`,
      ).toEqual([]);
      expect(new Set(answers.map((x) => x.decisionId)).size, `${key}: every answer is the first one`).toBe(1);
      const rows = await db.query(`SELECT id FROM decisions WHERE "clientId" = $1 AND "idempotencyKey" = $2`, [
        agent.clientId,
        key,
      ]);
      expect(rows.rowCount).toBe(1);
    }
    const approvals = await db.query(`SELECT id FROM approvals WHERE "clientId" = $1`, [agent.clientId]);
    expect(approvals.rowCount).toBe(1);

    // The same pending call without a key: one approval, shared by every answer.
    const same = await onBoth(token, { server: "jira", tool: "create_issue", arguments: { summary: "same call" } });
    const tally = countBy(same, (x) => `${x.status} ${x.decision} ${x.reason ?? x.detail}`);
    expect(
      same.filter((x) => x.status !== 200 || x.decision !== "REQUIRE_APPROVAL"),
      JSON.stringify(tally),
    ).toEqual([]);
    const opened = await db.query(`SELECT id FROM approvals WHERE "clientId" = $1`, [agent.clientId]);
    expect(opened.rowCount, "identical pending calls share one approval").toBe(2);
  });

  it("gives concurrent publishes through both processes distinct, dense version numbers", async () => {
    const before = await db.query<{ v: number | null }>(
      `SELECT max(version) AS v FROM policy_snapshots WHERE environment = 'production'`,
    );
    const start = Number(before.rows[0].v ?? 0);
    const sources = Array.from({ length: 6 }, (_, i) =>
      SEED_POLICY_YAML.replace(
        "  - id: allow-readonly-registered-servers",
        `  - id: allow-readonly-registered-servers\n    description: "publish ${i}"`,
      ),
    );
    const answers = await Promise.all(
      sources.map((src, i) =>
        (i % 2 === 0 ? a : b).call("PUT", `/api/console/policies/production?publish=true&message=race-${i}`, {
          body: src,
          contentType: "application/yaml",
        }),
      ),
    );
    expect(
      answers.map((x) => x.status),
      JSON.stringify(answers.map((x) => x.body)),
    ).toEqual(sources.map(() => 200));
    const versions = answers
      .map((x) => (x.body as { snapshot: { version: number } }).snapshot.version)
      .sort((p, q) => p - q);
    expect(versions).toEqual(sources.map((_, i) => start + i + 1));
    const dupes = await db.query(
      `SELECT version FROM policy_snapshots GROUP BY environment, version HAVING count(*) > 1`,
    );
    expect(dupes.rowCount).toBe(0);
    // Both processes decide under the newest snapshot.
    const agent = await newAgent(a, "publish-bot", ["mcp:github:read"]);
    const token = await agent.client.accessToken();
    for (const c of [a, b]) {
      const res = await c.call("POST", "/api/v1/decisions", {
        token,
        body: { server: "github", tool: "get_file_contents", arguments: {} },
      });
      expect((res.body as { policy: { version: number } }).policy.version).toBe(start + sources.length);
    }
  });

  it("refuses on B a revocation made through A once the 1 s cache bound has passed", async () => {
    const agent = await newAgent(a, "revoke-bot", ["mcp:github:read"]);
    const token = await agent.client.accessToken();
    const call = { server: "github", tool: "get_file_contents", arguments: {} };
    expect((await postDecision(b.url, token, call)).decision).toBe("ALLOW");
    const revoked = await a.call("POST", `/api/console/agents/${agent.id}/revoke`, {
      body: { reason: "two-process fault test" },
    });
    expect(revoked.status).toBe(200);
    const committed = performance.now();
    let firstRefusedMs: number | null = null;
    while (performance.now() - committed < 1_050) {
      if ((await postDecision(b.url, token, call)).status === 401) {
        firstRefusedMs ??= Math.round(performance.now() - committed);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const after = await postDecision(b.url, token, call);
    expect(after.status).toBe(401);
    console.log(`two processes: B first refused the revoked agent ${firstRefusedMs ?? "≥1050"} ms after A committed`);
  });
});
