import "server-only";
import type { HotSql, Query } from "../db";
import { DECISION_ARGS_TSV, DECISION_META_TSV } from "./text-search";

/**
 * The decisions' search projection (migration 0016): their full-text words, off the insert path.
 * One statement reads the cursor (locking it, so concurrent hosts take turns), computes the words
 * of the next rows past it, inserts them and moves the cursor: a crash leaves all or none of a step,
 * and the next step after a restart carries on from the cursor. Decisions commit in seq order (each
 * batch holds the chain lock until it commits), so no row can appear later below the cursor.
 */
export const PROJECTION_BATCH = 5_000;

// The cursor is read by a scalar subquery so that it is an index condition on decisions' primary
// key: joined as a table instead, PostgreSQL walked the key from the first decision ever and
// filtered, so every step read the whole history (seen in bench:decide: a third of the throughput).
export const STEP_SQL = `WITH c AS (
  SELECT "lastSeq" FROM "search_projection_cursors" WHERE "name" = 'decisions' FOR UPDATE
), batch AS (
  SELECT d."seq", ${DECISION_META_TSV} AS meta, ${DECISION_ARGS_TSV} AS args
  FROM "decisions" d WHERE d."seq" > (SELECT "lastSeq" FROM c) ORDER BY d."seq" LIMIT ${PROJECTION_BATCH}
), ins AS (
  INSERT INTO "decision_search" ("seq", "meta", "args") SELECT "seq", meta, args FROM batch
  ON CONFLICT ("seq") DO NOTHING
)
UPDATE "search_projection_cursors" SET "lastSeq" = (SELECT max("seq") FROM batch), "updatedAt" = now()
WHERE "name" = 'decisions' AND EXISTS (SELECT 1 FROM batch)
RETURNING (SELECT count(*) FROM batch)::int AS n`;

/** One step: projects up to PROJECTION_BATCH decisions; returns how many it projected (0 = caught up). */
export async function projectDecisions(q: Query): Promise<number> {
  const [row] = await q(STEP_SQL);
  return row ? Number(row.n) : 0;
}

/**
 * One step in its own transaction with JIT compilation off: a step's estimated cost (the words
 * function is declared expensive so the planner prefers the indexes) crossed jit_above_cost, and
 * compiling took longer than the step's own work, once per tick.
 */
export function plainStep(hot: Pick<HotSql, "transaction" | "query">): () => Promise<number> {
  return async () => {
    // An idle tick (four a second on every host) reads one index entry instead of opening a
    // transaction and locking the cursor row.
    if (!(await anythingToProject(hot.query))) return 0;
    return hot.transaction(async (q) => {
      await q("SET LOCAL jit = off");
      return projectDecisions(q);
    });
  };
}

async function anythingToProject(q: Query): Promise<boolean> {
  const [row] = await q(
    `SELECT EXISTS (SELECT 1 FROM "decisions" d WHERE d."seq" > (SELECT "lastSeq" FROM "search_projection_cursors" WHERE "name" = 'decisions')) AS more`,
  );
  return row?.more === true;
}

/**
 * The background job's tick: one step, and more only while there is a backlog (a full step).
 * A step that took what was there ends the tick even if rows arrived meanwhile: under steady load
 * each tick projects what arrived since the last one instead of spinning on a few rows at a time.
 */
export async function projectBacklog(step: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await step();
    total += n;
    if (n < PROJECTION_BATCH) return total;
  }
}

/** Projects until caught up (tests, and tools that need search current). */
export async function catchUpProjection(q: Query): Promise<number> {
  let total = 0;
  for (let n = await projectDecisions(q); n > 0; n = await projectDecisions(q)) total += n;
  return total;
}

/** The highest seq the projection covers (as text: a bigint). */
export async function projectionCursor(q: Query): Promise<string> {
  const [row] = await q(`SELECT "lastSeq"::text AS last FROM "search_projection_cursors" WHERE "name" = 'decisions'`);
  return (row?.last as string | undefined) ?? "0";
}

/** How far search's projection is behind the decisions: rows, and the age of the oldest unprojected one. */
export async function projectionLag(q: Query): Promise<{ rows: number; seconds: number }> {
  const [row] = await q(
    `SELECT count(*)::int AS rows, coalesce(extract(epoch FROM now() - min(d."at")), 0)::float8 AS seconds
     FROM "decisions" d WHERE d."seq" > (SELECT "lastSeq" FROM "search_projection_cursors" WHERE "name" = 'decisions')`,
  );
  return { rows: Number(row?.rows ?? 0), seconds: Math.max(0, Number(row?.seconds ?? 0)) };
}
