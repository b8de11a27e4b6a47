import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decisionPathWorld } from "@/lib/testing/decision-path-world";
import { createTestPgDatabase, openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { openDatabase, type Database } from "../db";
import { issueAccessToken } from "../identity/issue-token";
import { applyMigrations } from "../migrate";

const { POST: postResult } = await import("@/app/api/v1/decisions/[id]/result/route");
const { POST: postInspect } = await import("@/app/api/v1/inspect/route");
const { GET: getApproval } = await import("@/app/api/v1/approvals/[id]/route");

const kinds = await testDbKinds();
const BASE = "http://console.test";
const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };

/** An agent of the world with a token for every agent route (audience: the console's origin). */
async function agentWithToken(db: Database, world: Awaited<ReturnType<typeof decisionPathWorld>>) {
  const agent = await world.newAgent();
  const row = await db.prisma.agent.findUniqueOrThrow({ where: { id: agent.id } });
  const all = await issueAccessToken(db.prisma, row, { scopes: ["mcp:github:read", "mcp:github:write"] });
  const forDecisions = (await world.tokenFor(agent.id)).access_token;
  return { token: all.access_token, forDecisions };
}

const params = (id: string) => ({ params: Promise.resolve({ id }) });

function post(path: string, token: string, body: BodyInit, contentType = "application/json") {
  return new Request(`${BASE}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    body,
  });
}

async function problemOf(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as { type: string; status: number; request_id: string };
}

describe.each(kinds)("agent routes on %s: the console handlers' body pipeline and error mapping", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let world: Awaited<ReturnType<typeof decisionPathWorld>>;
  let token: string;
  let decisionId: string;

  beforeAll(async () => {
    db = await openTestDb(kind);
    world = await decisionPathWorld(db);
    const tokens = await agentWithToken(db, world);
    token = tokens.token;
    const decided = await world.call(tokens.forDecisions);
    expect(decided.status).toBe(200);
    decisionId = (decided.body as { decision_id: string }).decision_id;
  });
  afterAll(async () => {
    world?.close();
    await db?.dispose();
  });

  it("refuses a body that is not UTF-8 with 400 and stores nothing (result and inspect)", async () => {
    // 0xC3 0x28: a two-byte lead followed by a non-continuation byte; U+FFFD must never be stored instead.
    const bytes = Buffer.concat([
      Buffer.from('{"status":"ok","duration_ms":1,"output":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const result = await postResult(post(`/api/v1/decisions/${decisionId}/result`, token, bytes), params(decisionId));
    expect(result.status).toBe(400);
    expect((await problemOf(result)).type).toMatch(/\/invalid-encoding$/);
    expect(await db.prisma.toolResult.count({ where: { decisionId } })).toBe(0);

    const inspected = await postInspect(
      post(
        "/api/v1/inspect",
        token,
        Buffer.concat([Buffer.from('{"output":"'), Buffer.from([0xff]), Buffer.from('"}')]),
      ),
      params(""),
    );
    expect(inspected.status).toBe(400);
    expect((await problemOf(inspected)).type).toMatch(/\/invalid-encoding$/);

    // The same body in valid UTF-8 is accepted: the refusal was about the bytes alone.
    const ok = await postResult(
      post(`/api/v1/decisions/${decisionId}/result`, token, '{"status":"ok","duration_ms":1,"output":"é("}'),
      params(decisionId),
    );
    expect(ok.status).toBe(200);
    expect(await db.prisma.toolResult.count({ where: { decisionId } })).toBe(1);
  });

  it("reads bodies like the console handlers: 415 for a non-JSON type, 413 past the limit, 422 with paths", async () => {
    const wrongType = await postResult(
      post(`/api/v1/decisions/${decisionId}/result`, token, "status=ok", "application/x-www-form-urlencoded"),
      params(decisionId),
    );
    expect(wrongType.status).toBe(415);
    const invalid = await postResult(
      post(`/api/v1/decisions/${decisionId}/result`, token, '{"status":"maybe","duration_ms":1}'),
      params(decisionId),
    );
    expect(invalid.status).toBe(422);
    expect(((await invalid.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(["status"]);
    const tooLarge = await postInspect(
      post("/api/v1/inspect", token, JSON.stringify({ output: "x".repeat(6 * 1024 * 1024) })),
      params(""),
    );
    expect(tooLarge.status).toBe(413);
  });

  it("answers 503 problem+json, never 500, when the database cannot be opened", async () => {
    const installed = holder.__consoleDb;
    const refused = Promise.reject(
      Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    );
    refused.catch(() => {});
    holder.__consoleDb = refused;
    try {
      const answers = [
        await postResult(
          post(`/api/v1/decisions/${decisionId}/result`, token, '{"status":"ok","duration_ms":1}'),
          params(decisionId),
        ),
        await getApproval(
          new Request(`${BASE}/api/v1/approvals/${decisionId}`, { headers: { authorization: `Bearer ${token}` } }),
          params(decisionId),
        ),
      ];
      for (const res of answers) {
        expect(res.status).toBe(503);
        expect((await problemOf(res)).type).toMatch(/\/database-unavailable$/);
      }
    } finally {
      holder.__consoleDb = installed;
    }
  });
});

describe.runIf(kinds.includes("postgresql"))("agent routes on postgresql: a database error past the token", () => {
  let created: Awaited<ReturnType<typeof createTestPgDatabase>>;
  let db: Database;
  let world: Awaited<ReturnType<typeof decisionPathWorld>>;

  beforeAll(async () => {
    created = await createTestPgDatabase();
    // Every session of this database gives up waiting for a lock after 300 ms (as the console's own bound does).
    const admin = new pg.Client({ connectionString: created.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${new URL(created.url).pathname.slice(1)}" SET lock_timeout = '300ms'`);
    await admin.end();
    db = await openDatabase({ databaseUrl: created.url, dataDir: "unused" });
    await applyMigrations(db.sql);
    world = await decisionPathWorld(db);
  });
  afterAll(async () => {
    world?.close();
    await db?.close();
    await created?.drop();
  });

  it("is 503 database-unavailable (not 500) when the route's statement times out on a held lock", async () => {
    const { token, forDecisions } = await agentWithToken(db, world);
    const decided = await world.call(forDecisions);
    const decisionId = (decided.body as { decision_id: string }).decision_id;
    const locker = new pg.Client({ connectionString: created.url });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE decisions IN ACCESS EXCLUSIVE MODE");
      const res = await postResult(
        post(`/api/v1/decisions/${decisionId}/result`, token, '{"status":"ok","duration_ms":1}'),
        params(decisionId),
      );
      expect(res.status).toBe(503);
      expect((await problemOf(res)).type).toMatch(/\/database-unavailable$/);
    } finally {
      await locker.query("ROLLBACK").catch(() => {});
      await locker.end();
    }
    // Once the lock is gone the same request is answered: the 503 was the database's, not the request's.
    const again = await postResult(
      post(`/api/v1/decisions/${decisionId}/result`, token, '{"status":"ok","duration_ms":1}'),
      params(decisionId),
    );
    expect(again.status).toBe(200);
  });
});
