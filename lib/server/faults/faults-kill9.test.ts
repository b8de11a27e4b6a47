import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConsole } from "@/scripts/bench/console-process";
import {
  attachWorld,
  countBy,
  decisionLoad,
  FAULTS_ENCRYPTION_KEY,
  newAgent,
  seedProduction,
  startWorldConsole,
  type WorldAgent,
  type WorldConsole,
} from "@/lib/testing/fuzz/console-world";
import {
  postgresBinariesForFaultTests,
  requireNextBuild,
  startPgInstance,
  type PgInstance,
} from "@/lib/testing/pg-instance";

/**
 * docs/order-of-checks.md#7-record and docs/audit.md#hash-chains under a crash: the console process is SIGKILLed while agents ask for
 * decisions (fast-path ALLOWs and slow-path approvals). Every decision an agent received a
 * decision_id for must be in the decisions table after the restart, and both hash chains verify.
 */
const hasBinaries = postgresBinariesForFaultTests();

describe.skipIf(!hasBinaries)("kill -9 of the console under decision load", () => {
  let pgi: PgInstance;
  let world: WorldConsole;
  let agent: WorldAgent;
  let databaseUrl: string;

  beforeAll(async () => {
    requireNextBuild();
    pgi = await startPgInstance();
    databaseUrl = await pgi.createDatabase("faults_kill9");
    world = await startWorldConsole({ databaseUrl });
    await seedProduction(world);
    agent = await newAgent(world, "crash-bot", ["mcp:github:read", "mcp:jira:write"]);
  }, 180_000);

  afterAll(async () => {
    await world?.proc.stop();
    await pgi?.remove();
  }, 60_000);

  it("keeps every answered decision and a verifiable chain across a SIGKILL", async () => {
    const token = await agent.client.accessToken();
    const port = Number(new URL(world.url).port);
    const reads = decisionLoad(
      () => world.url,
      async () => token,
      (n) => ({
        server: "github",
        tool: "get_file_contents",
        arguments: { path: `f${n}` },
        idempotency_key: n % 3 === 0 ? `k-${n}` : undefined,
      }),
      5,
      2,
    );
    const writes = decisionLoad(
      () => world.url,
      async () => token,
      (n) => ({ server: "jira", tool: "create_issue", arguments: { summary: `s${n % 40}` } }),
      2,
      2,
    );
    await new Promise((r) => setTimeout(r, 2_500));
    await world.proc.kill();
    const killed = performance.now();
    await new Promise((r) => setTimeout(r, 500));
    await Promise.all([reads.stop(), writes.stop()]);

    // Restart on the same port and database, as a supervisor would.
    const restarted = await startConsole(
      port,
      { DATABASE_URL: databaseUrl, ENCRYPTION_KEY: FAULTS_ENCRYPTION_KEY, LOG_LEVEL: "warn" },
      [],
      { quiet: true },
    );
    world = attachWorld(restarted, world.adminToken);

    const answers = [...reads.answers, ...writes.answers];
    const answered = answers.filter((a) => a.decisionId);
    const afterKill = answers.filter((a) => a.answeredAt > killed);
    console.log(
      `kill -9 test: ${answers.length} requests, ${answered.length} answered with a decision_id ` +
        `(${JSON.stringify(countBy(answered, (a) => `${a.decision} ${a.reason}`))}); after the kill: ${JSON.stringify(countBy(afterKill, (a) => `${a.status} ${a.error ?? a.reason ?? ""}`))}`,
    );
    expect(answered.filter((a) => a.decision === "ALLOW").length).toBeGreaterThan(20);
    expect(answered.filter((a) => a.decision === "REQUIRE_APPROVAL").length).toBeGreaterThan(5);
    // Nothing was answered by a dead process.
    expect(afterKill.filter((a) => a.decisionId)).toEqual([]);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const ids = [...new Set(answered.map((a) => a.decisionId!))];
      const found = await client.query<{ id: string }>(`SELECT id::text FROM decisions WHERE id = ANY($1::uuid[])`, [
        ids,
      ]);
      const have = new Set(found.rows.map((r) => r.id));
      const missing = ids.filter((id) => !have.has(id));
      expect(missing, `${missing.length} of ${ids.length} answered decisions are not in the audit trail`).toEqual([]);
      // Each pending approval an agent was told about exists too.
      const approvalIds = [
        ...new Set(answered.filter((a) => a.decision === "REQUIRE_APPROVAL").map((a) => a.decisionId!)),
      ];
      const withApproval = await client.query<{ n: string }>(
        `SELECT count(*)::text AS n FROM decisions WHERE id = ANY($1::uuid[]) AND "approvalId" IS NOT NULL`,
        [approvalIds],
      );
      expect(Number(withApproval.rows[0].n)).toBe(approvalIds.length);
    } finally {
      await client.end();
    }

    const verify = await world.call("GET", "/api/v1/audit/verify");
    expect(verify.status).toBe(200);
    expect(verify.body, JSON.stringify(verify.body)).toMatchObject({ ok: true });

    // The restarted process extends the same chain.
    const after = await agent.client.decide({
      server: "github",
      tool: "get_file_contents",
      arguments: { path: "after" },
    });
    expect(after.decision).toBe("ALLOW");
    const again = await world.call("GET", "/api/v1/audit/verify");
    expect(again.body).toMatchObject({ ok: true });
  }, 120_000);
});
