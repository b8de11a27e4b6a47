import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import canonicalize from "canonicalize";
import { GENESIS_HASH } from "@/lib/audit/chain";
import type { Tx } from "../audit";
import { hotSqlOf, type HotSql, type Query } from "../db";
import { decisionRollupStatement, upsertDecisionRollups } from "../metrics/rollups";

/** A decision row before it is chained (responseJson: the answer already serialised for the agent, reused here). */
export type DecisionRow = Omit<Prisma.DecisionRecordCreateManyInput, "seq" | "prevHash" | "hash"> & { at: Date; id: string; responseJson?: string };

const CHAIN_LOCK = 727290;
const MAX_BATCH = 200;
const MAX_IN_FLIGHT = 2;

/** Fields the decision chain covers: everything the row says, minus its own bookkeeping. */
function chainFields(row: DecisionRow) {
  const { response: _response, responseJson: _json, at, ...rest } = row;
  return { ...rest, at: at.toISOString() };
}

const COLUMNS: [string, string][] = [
  ["id", "uuid"], ["at", "timestamptz"], ["environment", "text"], ["agentId", "uuid"], ["clientId", "text"], ["server", "text"], ["tool", "text"],
  ["action", "text"], ["risk", "text"], ["decision", "text"], ["outcome", "text"], ["ruleId", "text"], ["reason", "text"], ["constraints", "jsonb"],
  ["policyVersion", "int"], ["policyHash", "text"], ["requestHash", "text"], ["arguments", "jsonb"], ["approvalId", "uuid"], ["idempotencyKey", "text"],
  ["tokenJti", "text"], ["latencyMs", "float8"], ["httpStatus", "int"], ["response", "jsonb"],
];

/**
 * One statement for the whole batch; the rows travel as a single JSON value. The chain is
 * linked by the database itself, from the head it reads under the chain lock: each row carries
 * the canonical JSON of its fields (`canon`, made here with the same function the verifier
 * uses) and its hash is sha256(prev || "\n" || canon), exactly as chainHash computes it. So
 * any number of batches, from any number of processes, can be in flight: whichever holds the
 * lock links its rows after whatever was committed before it.
 */
const CHAINED = COLUMNS.filter(([c]) => c !== "response");
const INSERT_SQL = `WITH RECURSIVE x AS (
    SELECT r.n, r.canon, r.response, f.*
    FROM jsonb_to_recordset($1::jsonb) AS r("n" int, "canon" text, "response" jsonb)
    CROSS JOIN LATERAL jsonb_to_record(r.canon::jsonb) AS f(${CHAINED.map(([c, t]) => `"${c}" ${t}`).join(", ")})
  ), c(n, prev, hash) AS (
    SELECT 0, h, h FROM coalesce((SELECT hash FROM decisions ORDER BY seq DESC LIMIT 1), '${GENESIS_HASH}') AS h
    UNION ALL
    SELECT x.n, c.hash, 'sha256:' || encode(sha256(convert_to(c.hash || E'\\n' || x.canon, 'UTF8')), 'hex') FROM c JOIN x ON x.n = c.n + 1
  )
  INSERT INTO decisions (${COLUMNS.map(([c]) => `"${c}"`).join(", ")}, "prevHash", "hash")
  SELECT ${COLUMNS.map(([c]) => (c === "environment" ? `x."environment"::"Environment"` : `x."${c}"`)).join(", ")}, c.prev, c.hash
  FROM x JOIN c ON c.n = x.n ORDER BY x.n`;

/** The lock statement; the INSERT that follows reads the head with a snapshot taken after it. */
const LOCK_SQL = `SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${CHAIN_LOCK})) l`;

/**
 * The batch as JSON text: per row its position, its canonical fields (which the database both
 * hashes and unpacks into columns, so the fields are serialised once) and the answer given.
 */
function batchJson(rows: DecisionRow[]): string {
  return `[${rows.map((r, i) => `{"n":${i + 1},"canon":${JSON.stringify(canonicalize(chainFields(r)))},"response":${r.responseJson ?? JSON.stringify(r.response)}}`).join(",")}]`;
}

/** Raw statements inside a Prisma interactive transaction (the approval slow path). */
export function prismaQuery(tx: Tx): Query {
  return (text, params = []) => tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
}

async function insertChained(q: Query, rows: DecisionRow[]): Promise<void> {
  await q(LOCK_SQL);
  if (rows.length) await q(INSERT_SQL, [batchJson(rows)]);
}

/** The whole batch in one round trip (PostgreSQL): BEGIN, lock, insert, rollups, COMMIT. */
async function scriptBatch(hot: Required<Pick<HotSql, "script" | "literal">>, rows: DecisionRow[]): Promise<void> {
  await hot.script(
    [
      "BEGIN",
      LOCK_SQL,
      INSERT_SQL.replace("$1::jsonb", () => `${hot.literal(batchJson(rows))}::jsonb`),
      decisionRollupStatement(rows, hot.literal),
      "COMMIT",
    ].join(";\n"),
  );
}

/** Writes decisions on the slow path (approvals), inside the caller's transaction. */
export async function writeDecisionsInTx(tx: Tx, rows: DecisionRow[]): Promise<void> {
  const q = prismaQuery(tx);
  await insertChained(q, rows);
  await upsertDecisionRollups(q, rows);
}

/** Stored answers to idempotency keys, keyed by client id and key. */
async function priorAnswers(q: Query, keys: { clientId: string; idempotencyKey: string }[]): Promise<Map<string, PriorAnswer>> {
  const found = new Map<string, PriorAnswer>();
  if (!keys.length) return found;
  const rows = await q(
    `SELECT d."clientId", d."idempotencyKey", d."httpStatus", d.response FROM decisions d
     JOIN unnest($1::text[], $2::text[]) AS k(c, i) ON d."clientId" = k.c AND d."idempotencyKey" = k.i`,
    [keys.map((k) => k.clientId), keys.map((k) => k.idempotencyKey)],
  );
  for (const f of rows) found.set(`${f.clientId}\u0000${f.idempotencyKey}`, { httpStatus: Number(f.httpStatus), response: f.response as Prisma.JsonValue });
  return found;
}

/** The first answer to an idempotency key, if one is stored (one indexed read through the driver). */
export async function priorAnswer(prisma: PrismaClient, clientId: string, idempotencyKey: string): Promise<PriorAnswer | null> {
  const q = hotSqlOf(prisma)?.query ?? ((text, params = []) => prisma.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params));
  return (await priorAnswers(q, [{ clientId, idempotencyKey }])).get(`${clientId}\u0000${idempotencyKey}`) ?? null;
}

/** What an idempotent repeat gets: the first answer to that key. */
export interface PriorAnswer {
  httpStatus: number;
  response: Prisma.JsonValue;
}

interface Job {
  row: DecisionRow;
  resolve: (prior: PriorAnswer | null) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit: decisions arriving together are chained and written in one INSERT, in one
 * transaction, before any of their answers leave. A repeat of an idempotency key already
 * stored (or earlier in the same batch) resolves with the first answer instead of a row.
 */
export class DecisionWriter {
  private queue: Job[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly hot: HotSql | undefined;
  /** Batches written in one round trip, and in several (batches with idempotency keys, the embedded database). */
  readonly stats = { oneTrip: 0, careful: 0 };

  /** windowMs 0: gather what arrives in the same turn of the event loop; later arrivals join the next batch while one is being written. */
  constructor(private readonly prisma: PrismaClient, private readonly windowMs = 0) {
    this.hot = hotSqlOf(prisma);
  }

  write(row: DecisionRow): Promise<PriorAnswer | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.schedule();
    });
  }

  /**
   * Batches in flight at once on PostgreSQL: while one holds the chain lock the next is already
   * on its way, so the database never waits for this process. The embedded database has one
   * connection: one batch at a time.
   */
  private get maxInFlight() {
    return this.hot?.script ? MAX_IN_FLIGHT : 1;
  }

  private schedule() {
    if (this.inFlight >= this.maxInFlight || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    const later = (fn: () => void) => (this.windowMs > 0 ? setTimeout(fn, this.windowMs) : setImmediate(fn));
    later(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    if (this.inFlight >= this.maxInFlight || this.queue.length === 0) return;
    this.inFlight++;
    const jobs = this.queue.splice(0, MAX_BATCH);
    this.schedule();
    try {
      const hot = this.hot;
      if (hot?.script && hot.literal && jobs.every((j) => !j.row.idempotencyKey)) {
        await scriptBatch({ script: hot.script, literal: hot.literal }, jobs.map((j) => j.row));
        this.stats.oneTrip++;
        for (const j of jobs) j.resolve(null);
        return;
      }
      const work = async (q: Query) => {
        // The lock first: repeats of a key from another process are then already committed and found.
        await q(LOCK_SQL);
        const existing = await priorAnswers(
          q,
          jobs.flatMap((j) => (j.row.idempotencyKey ? [{ clientId: j.row.clientId, idempotencyKey: j.row.idempotencyKey }] : [])),
        );
        const fresh: DecisionRow[] = [];
        const priorOf: (PriorAnswer | null)[] = jobs.map((j) => {
          if (!j.row.idempotencyKey) return (fresh.push(j.row), null);
          const key = `${j.row.clientId}\u0000${j.row.idempotencyKey}`;
          const prior = existing.get(key);
          if (prior) return prior;
          existing.set(key, { httpStatus: j.row.httpStatus ?? 200, response: j.row.response as Prisma.JsonValue });
          fresh.push(j.row);
          return null;
        });
        if (fresh.length) await q(INSERT_SQL, [batchJson(fresh)]);
        await upsertDecisionRollups(q, fresh);
        return priorOf;
      };
      const priors = hot ? await hot.transaction(work) : await this.prisma.$transaction((tx) => work(prismaQuery(tx)));
      this.stats.careful++;
      jobs.forEach((j, i) => j.resolve(priors[i]));
    } catch (err) {
      for (const j of jobs) j.reject(err);
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }
}

const holder = globalThis as unknown as { __decisionWriter?: { prisma: PrismaClient; writer: DecisionWriter } };

/** The process-wide writer for this database client. */
export function decisionWriter(prisma: PrismaClient): DecisionWriter {
  if (holder.__decisionWriter?.prisma !== prisma) holder.__decisionWriter = { prisma, writer: new DecisionWriter(prisma) };
  return holder.__decisionWriter.writer;
}
