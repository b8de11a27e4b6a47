import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditFilterSchema } from "@/lib/schemas/audit";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { DecisionWriter } from "../enforcement/decision-writer";
import { fixtureDecisions } from "./fixtures";
import {
  catchUpProjection,
  PROJECTION_BATCH,
  plainStep,
  projectBacklog,
  projectDecisions,
  projectionCursor,
  projectionLag,
  STEP_SQL,
} from "./projection";
import type { DecisionItem } from "./rows";
import type { Query } from "../db";
import { searchAudit } from "./search";

const kinds = await testDbKinds();

describe.each(kinds)("the decisions' search projection on %s", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => db?.dispose());

  const write = async (n: number, word: string) => {
    const writer = new DecisionWriter(db.prisma);
    const rows = fixtureDecisions(n, new Date()).map((r, i) => ({
      ...r,
      id: randomUUID(),
      at: new Date(),
      arguments: { note: `${word}-${i % 3}` },
    }));
    await Promise.all(rows.map((r) => writer.write(r)));
    return rows;
  };
  const find = async (q: string, payload = true) =>
    (
      (await searchAudit(db.sql, "decisions", auditFilterSchema.parse({ q }), { payload, limit: 500 }))
        .items as DecisionItem[]
    ).length;
  const projected = async () => Number((await db.hot.query(`SELECT count(*)::int AS n FROM decision_search`))[0].n);

  it("finds new decisions before they are projected, and the same ones after", async () => {
    const rows = await write(90, "zephyr");
    expect(await projectionLag(db.hot.query)).toMatchObject({ rows: 90 });
    expect(await find("zephyr 1")).toBe(30);
    expect(await find("zephyr 1", false), "arguments match only with audit:payload").toBe(0);
    expect(await find(rows[0].clientId)).toBeGreaterThan(0);

    expect(await projectDecisions(db.hot.query)).toBe(90);
    expect(await projectDecisions(db.hot.query), "caught up").toBe(0);
    expect(await projectionLag(db.hot.query)).toEqual({ rows: 0, seconds: 0 });
    expect(await find("zephyr 1")).toBe(30);
    expect(await find("zephyr 1", false)).toBe(0);
    expect(await find(rows[0].clientId)).toBeGreaterThan(0);

    // Half projected, half not: one search spans both without losing or doubling a row.
    await write(60, "zephyr");
    expect(await find("zephyr 2")).toBe(50);
    await catchUpProjection(db.hot.query);
    expect(await find("zephyr 2")).toBe(50);
  });

  it("takes turns when steps run at once (several hosts), and carries on from its cursor", async () => {
    await write(120, "quokka");
    const before = Number(await projectionCursor(db.hot.query));
    const steps = await Promise.all(Array.from({ length: 4 }, () => projectDecisions(db.hot.query)));
    expect(steps.reduce((a, b) => a + b, 0)).toBe(120);
    const [max] = await db.hot.query(`SELECT max(seq)::text AS m, count(*)::int AS n FROM decisions`);
    expect(await projectionCursor(db.hot.query)).toBe(max.m);
    expect(await projected()).toBe(max.n);
    expect(Number(max.m) - before).toBe(120);
    expect(await find("quokka 0")).toBe(40);
  });

  it("reads only the decisions past its cursor, however long the history", async () => {
    await write(6_000, "history");
    await catchUpProjection(db.hot.query);
    await db.hot.query("ANALYZE decisions");
    await write(7, "fresh");
    // The step itself, analysed: the scan of decisions returns the 7 new rows, not the history
    // before them (a join on the cursor once walked the whole primary key and filtered).
    const [row] = await db.hot.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${STEP_SQL}`);
    const plan = (typeof row["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row["QUERY PLAN"]) as {
      Plan: PlanNode;
    }[];
    type PlanNode = { "Relation Name"?: string; "Actual Rows"?: number; Plans?: PlanNode[] } & Record<string, unknown>;
    const scans: PlanNode[] = [];
    const walk = (n: PlanNode) => {
      if (n["Relation Name"] === "decisions") scans.push(n);
      for (const c of n.Plans ?? []) walk(c);
    };
    walk(plan[0].Plan);
    expect(scans.length).toBeGreaterThan(0);
    for (const s of scans) {
      expect(s["Actual Rows"]).toBeLessThanOrEqual(7);
      expect(Number(s["Rows Removed by Filter"] ?? 0) + Number(s["Rows Removed by Join Filter"] ?? 0)).toBe(0);
    }
    expect(await projectionLag(db.hot.query)).toMatchObject({ rows: 0 });
  }, 60_000);

  it("takes a backlog in full steps and stops at the first step that is not full", async () => {
    await write(PROJECTION_BATCH + 25, "backlog");
    expect(await projectBacklog(plainStep(db.hot))).toBe(PROJECTION_BATCH + 25);
    expect(await projectBacklog(plainStep(db.hot)), "nothing new").toBe(0);
  }, 60_000);

  it("opens no transaction and locks nothing on a tick with nothing new", async () => {
    let opened = 0;
    const counting = {
      query: db.hot.query,
      transaction: <T>(fn: (q: Query) => Promise<T>) => {
        opened++;
        return db.hot.transaction(fn);
      },
    };
    await projectBacklog(plainStep(counting));
    opened = 0;
    expect(await projectBacklog(plainStep(counting))).toBe(0);
    expect(opened, "idle tick").toBe(0);
    await write(3, "one more");
    expect(await projectBacklog(plainStep(counting))).toBe(3);
    expect(opened, "tick with new rows").toBe(1);
  }, 60_000);
});
