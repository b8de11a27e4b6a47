import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  countBy,
  decisionLoad,
  newAgent,
  seedProduction,
  startWorldConsole,
  type DecisionAnswer,
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
 * docs/order-of-checks.md#7-record under a real outage: a console process (server.ts) on a private PostgreSQL that
 * is stopped while agents keep asking. No answer during the outage may be an ALLOW, every ALLOW
 * ever answered must have its decision row, and the console must serve ALLOWs again once the
 * database is back, without a restart.
 */
const RECOVERY_BOUND_MS = 30_000;
const OUTAGE_MS = 5_000;
const hasBinaries = postgresBinariesForFaultTests();

describe.skipIf(!hasBinaries)("PostgreSQL stopped under decision load", () => {
  let pgi: PgInstance;
  let world: WorldConsole;
  let agent: WorldAgent;
  let databaseUrl: string;

  beforeAll(async () => {
    requireNextBuild();
    pgi = await startPgInstance();
    databaseUrl = await pgi.createDatabase("faults_outage");
    world = await startWorldConsole({ databaseUrl });
    await seedProduction(world);
    agent = await newAgent(world, "outage-bot", ["mcp:github:read"]);
  }, 180_000);

  afterAll(async () => {
    await world?.proc.stop();
    await pgi?.remove();
  }, 60_000);

  it("answers only non-ALLOW during the outage, keeps a row for every ALLOW, and recovers by itself", async () => {
    const call = { server: "github", tool: "get_file_contents", arguments: { path: "README.md" } };
    const token = await agent.client.accessToken();
    const load = decisionLoad(
      () => world.url,
      async () => token,
      call,
      6,
      5,
    );

    await new Promise((r) => setTimeout(r, 2_000));
    const stopping = performance.now();
    await pgi.stop();
    const stopped = performance.now();
    await new Promise((r) => setTimeout(r, OUTAGE_MS));
    const restarting = performance.now();
    await pgi.start();
    const restarted = performance.now();

    // Recovery: every worker's answers turn ALLOW again; give it a generous liveness bound.
    let recoveredAt: number | null = null;
    while (performance.now() - restarted < RECOVERY_BOUND_MS) {
      const recent = load.answers.filter((a) => a.sentAt > restarted).slice(-30);
      if (recent.length >= 30 && recent.every((a) => a.status === 200 && a.decision === "ALLOW")) {
        recoveredAt = recent[0].sentAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    await load.stop();
    const all = load.answers;

    const before = all.filter((a) => a.answeredAt < stopping);
    const outage = all.filter((a) => a.sentAt >= stopped && a.answeredAt <= restarting);
    const allowsInOutage = outage.filter((a) => a.decision === "ALLOW" || a.status === 200);
    const describeAnswers = (xs: DecisionAnswer[]) =>
      countBy(xs, (a) => `${a.status} ${a.reason ?? a.error ?? a.detail ?? ""}`.trim());
    console.log(
      `outage test: ${all.length} answers; before ${JSON.stringify(describeAnswers(before))}; ` +
        `outage (${Math.round(restarting - stopped)} ms) ${JSON.stringify(describeAnswers(outage))}; ` +
        `recovered ${recoveredAt === null ? "never" : `${Math.round(recoveredAt - restarted)} ms after the database was back`}`,
    );

    expect(before.length).toBeGreaterThan(20);
    expect(
      before.every((a) => a.decision === "ALLOW"),
      JSON.stringify(describeAnswers(before)),
    ).toBe(true);
    // Not vacuous: the console kept answering during the outage.
    expect(outage.length).toBeGreaterThan(20);
    expect(
      allowsInOutage,
      `ALLOW answered while the database was down: ${JSON.stringify(allowsInOutage.slice(0, 3))}`,
    ).toEqual([]);
    // Every outage answer is the documented fail-closed DENY, never a dropped connection or a 500.
    const unexpected = outage.filter(
      (a) => !(a.status === 503 && a.decision === "DENY" && a.reason === "audit_unavailable"),
    );
    expect(unexpected, JSON.stringify(describeAnswers(unexpected))).toEqual([]);
    expect(recoveredAt, "decisions did not turn ALLOW again after the database returned").not.toBeNull();

    // Every ALLOW any agent received has its durable record.
    const allowed = all.filter((a) => a.decision === "ALLOW").map((a) => a.decisionId!);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const found = await client.query<{ id: string }>(`SELECT id::text FROM decisions WHERE id = ANY($1::uuid[])`, [
        allowed,
      ]);
      const have = new Set(found.rows.map((r) => r.id));
      const missing = allowed.filter((id) => !have.has(id));
      expect(missing, `${missing.length} of ${allowed.length} ALLOWs have no decision row`).toEqual([]);
    } finally {
      await client.end();
    }

    // And the hash chains still verify.
    const verify = await world.call("GET", "/api/v1/audit/verify");
    expect(verify.status).toBe(200);
    expect(verify.body).toMatchObject({ ok: true });
  }, 120_000);
});
