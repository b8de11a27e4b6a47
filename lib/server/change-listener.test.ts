import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { openTestDb, TEST_PG_ADMIN_URL, testDbKinds } from "@/lib/testing/test-db";

process.env.PUBLIC_URL = "http://console.test";
process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";

const { CHANGE_CHANNEL, forget, parseChange } = await import("./change-feed");
const { changeListenerStats, startChangeListener, stopChangeListener } = await import("./change-listener");
const { __resetTokenGuardCachesForTests } = await import("./identity/token-guard");
const { decisionPathWorld } = await import("@/lib/testing/decision-path-world");

const hasPostgres = (await testDbKinds()).includes("postgresql");

async function until(what: string, ok: () => boolean | Promise<boolean>) {
  const deadline = Date.now() + 10_000;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("change payloads", () => {
  it.each([
    ['{"kind":"agent","clientId":"agt_1"}', { kind: "agent", clientId: "agt_1" }],
    ['{"kind":"environment","environment":"staging"}', { kind: "environment", environment: "staging" }],
    ['{"kind":"catalog"}', { kind: "catalog" }],
    ['{"kind":"trusted_issuers"}', { kind: "trusted_issuers" }],
    ['{"kind":"output_safety"}', { kind: "output_safety" }],
    ['{"kind":"environment","environment":"moon"}', "everything"],
    ['{"kind":"agent"}', "everything"],
    ['{"kind":"something-newer"}', "everything"],
    ["not json", "everything"],
    [undefined, "everything"],
  ])("%s → %j", (payload, expected) => {
    expect(parseChange(payload)).toEqual(expected);
  });
});

/**
 * Another console process is played by a plain connection that changes rows and notifies, as
 * changeTransaction does. Date is frozen while it acts, so the 1 s re-read never comes: only
 * the notification (or a reconnect) can make this process see the change.
 */
describe.skipIf(!hasPostgres)("the change listener on PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let world: Awaited<ReturnType<typeof decisionPathWorld>>;
  let other: pg.Client;
  let url: string;

  const otherProcess = async (sql: string, params: unknown[], notify?: object) => {
    await other.query("BEGIN");
    await other.query(sql, params);
    if (notify) await other.query("SELECT pg_notify($1, $2)", [CHANGE_CHANNEL, JSON.stringify(notify)]);
    await other.query("COMMIT");
  };

  beforeAll(async () => {
    db = await openTestDb("postgresql");
    forget("everything");
    __resetTokenGuardCachesForTests();
    world = await decisionPathWorld(db);
    const where = new URL(TEST_PG_ADMIN_URL);
    where.pathname = `/${(await db.sql.query("SELECT current_database() AS name"))[0].name}`;
    url = where.toString();
    other = new pg.Client({ connectionString: url });
    await other.connect();
  });
  afterAll(async () => {
    await stopChangeListener();
    await other?.end();
    world?.close();
    forget("everything");
    await db?.dispose();
  });
  beforeEach(async () => {
    startChangeListener(url);
    await until("LISTEN", () => changeListenerStats().connects > 0);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await stopChangeListener();
  });

  it("an agent revoked by another process is refused on the first call after its notification arrives", async () => {
    const agent = await world.newAgent();
    const t = await world.tokenFor(agent.id);
    expect(await world.call(t.access_token)).toMatchObject({ status: 200, body: { decision: "ALLOW" } });
    vi.useFakeTimers({ toFake: ["Date"] });
    // Committed without a notification: this process keeps its cached answer (the 1 s re-read is frozen).
    await otherProcess(`UPDATE agents SET status = 'revoked' WHERE id = $1::uuid`, [agent.id]);
    expect((await world.call(t.access_token)).status).toBe(200);
    const heard = changeListenerStats().heard;
    const sent = performance.now();
    await otherProcess("SELECT 1", [], { kind: "agent", clientId: agent.client_id });
    await until("the notification", () => changeListenerStats().heard > heard);
    console.log(`notification heard ${(performance.now() - sent).toFixed(1)} ms after the commit`);
    expect((await world.call(t.access_token)).status).toBe(401);
  });

  it("a kill switch pulled by another process denies the first call after its notification arrives", async () => {
    const agent = await world.newAgent();
    const t = await world.tokenFor(agent.id);
    expect(await world.call(t.access_token)).toMatchObject({ body: { decision: "ALLOW" } });
    vi.useFakeTimers({ toFake: ["Date"] });
    const heard = changeListenerStats().heard;
    await otherProcess(`UPDATE environment_states SET "killSwitch" = 'all' WHERE environment = 'production'`, [], {
      kind: "environment",
      environment: "production",
    });
    await until("the notification", () => changeListenerStats().heard > heard);
    expect(await world.call(t.access_token)).toMatchObject({ body: { decision: "DENY", reason: "kill_switch" } });
    await otherProcess(`UPDATE environment_states SET "killSwitch" = 'off' WHERE environment = 'production'`, [], {
      kind: "environment",
      environment: "production",
    });
    await until("the notification", () => changeListenerStats().heard > heard + 1);
    expect(await world.call(t.access_token)).toMatchObject({ body: { decision: "ALLOW" } });
  });

  it("a lost connection is re-opened and everything is forgotten, since notifications may have been missed", async () => {
    const agent = await world.newAgent();
    const t = await world.tokenFor(agent.id);
    expect(await world.call(t.access_token)).toMatchObject({ status: 200 });
    vi.useFakeTimers({ toFake: ["Date"] });
    await otherProcess(`UPDATE agents SET status = 'disabled' WHERE id = $1::uuid`, [agent.id]);
    const connects = changeListenerStats().connects;
    const killed = await other.query(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'mgc-change-listener' AND datname = current_database()`,
    );
    expect(killed.rows).toEqual([{ ok: true }]);
    await until("the listener to reconnect", () => changeListenerStats().connects > connects);
    expect(await world.call(t.access_token)).toMatchObject({ status: 401, body: { detail: "The agent is disabled." } });
  });
});
