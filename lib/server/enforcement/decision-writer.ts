import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { chainHash, GENESIS_HASH } from "@/lib/audit/chain";
import type { Tx } from "../audit";
import { hotSqlOf, type HotSql, type Query } from "../db";
import { decisionRollupStatement, upsertDecisionRollups } from "../metrics/rollups";

/** A decision row before it is chained. */
export type DecisionRow = Omit<Prisma.DecisionRecordCreateManyInput, "seq" | "prevHash" | "hash"> & { at: Date; id: string };

const CHAIN_LOCK = 727290;
const MAX_BATCH = 500;

/** Fields the decision chain covers: everything the row says, minus its own bookkeeping. */
function chainFields(row: DecisionRow) {
  const { response: _response, at, ...rest } = row;
  return { ...rest, at: at.toISOString() };
}

/** Raw statements inside a Prisma interactive transaction (the approval slow path). */
export function prismaQuery(tx: Tx): Query {
  return (text, params = []) => tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
}

// Raw SQL on the hot path: Prisma's query compiler costs more per batch than the insert itself.
// The lock is taken in its own statement so the head is read with a snapshot taken after it.
async function lockedHead(q: Query): Promise<string> {
  await q(`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(${CHAIN_LOCK})) l`);
  const last = await q(`SELECT hash FROM decisions ORDER BY seq DESC LIMIT 1`);
  return (last[0]?.hash as string | undefined) ?? GENESIS_HASH;
}

const COLUMNS: [string, string][] = [
  ["id", "uuid"], ["at", "timestamptz"], ["environment", "text"], ["agentId", "uuid"], ["clientId", "text"], ["server", "text"], ["tool", "text"],
  ["action", "text"], ["risk", "text"], ["decision", "text"], ["outcome", "text"], ["ruleId", "text"], ["reason", "text"], ["constraints", "jsonb"],
  ["policyVersion", "int"], ["policyHash", "text"], ["requestHash", "text"], ["arguments", "jsonb"], ["approvalId", "uuid"], ["idempotencyKey", "text"],
  ["tokenJti", "text"], ["latencyMs", "float8"], ["httpStatus", "int"], ["response", "jsonb"], ["prevHash", "text"], ["hash", "text"],
];
const INSERT_SQL = `INSERT INTO decisions (${COLUMNS.map(([c]) => `"${c}"`).join(", ")})
  SELECT ${COLUMNS.map(([c]) => (c === "environment" ? `"environment"::"Environment"` : `"${c}"`)).join(", ")}
  FROM jsonb_to_recordset($1::jsonb) AS x(${COLUMNS.map(([c, t]) => `"${c}" ${t}`).join(", ")})`;

const HEAD_SQL = `(SELECT hash FROM decisions ORDER BY seq DESC LIMIT 1)`;

/**
 * The whole batch in one round trip (PostgreSQL): lock, insert only if the chain's head is
 * still the one this process last wrote, count, COMMIT. False when another process moved the
 * head meanwhile (nothing was written; the careful path re-reads it).
 */
async function scriptBatch(hot: Required<Pick<HotSql, "script" | "literal">>, head: string, chained: Prisma.DecisionRecordCreateManyInput[], rows: DecisionRow[]): Promise<boolean> {
  const lit = hot.literal;
  const last = lit(chained[chained.length - 1].hash);
  const json = lit(JSON.stringify(chained.map((r) => ({ ...r, at: (r.at as Date).toISOString() }))));
  const results = await hot.script(
    [
      "BEGIN",
      `SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`,
      `${INSERT_SQL.replace("$1::jsonb", () => `${json}::jsonb`)} WHERE coalesce(${HEAD_SQL}, ${lit(GENESIS_HASH)}) = ${lit(head)}`,
      `SELECT ${HEAD_SQL} = ${last} AS written`,
      decisionRollupStatement(rows, lit, `${HEAD_SQL} = ${last}`),
      "COMMIT",
    ].join(";\n"),
  );
  return results[3]?.[0]?.written === true;
}

/** One statement for the whole batch: the rows travel as a single JSON parameter. */
async function insertChained(q: Query, rows: Prisma.DecisionRecordCreateManyInput[]): Promise<void> {
  await q(INSERT_SQL, [JSON.stringify(rows.map((r) => ({ ...r, at: (r.at as Date).toISOString() })))]);
}

function chain(head: string, rows: DecisionRow[]): Prisma.DecisionRecordCreateManyInput[] {
  let prev = head;
  return rows.map((row) => {
    const hash = chainHash(prev, chainFields(row));
    const chained = { ...row, prevHash: prev, hash };
    prev = hash;
    return chained;
  });
}

/** Writes decisions on the slow path (approvals), inside the caller's transaction. */
export async function writeDecisionsInTx(tx: Tx, rows: DecisionRow[]): Promise<void> {
  const q = prismaQuery(tx);
  if (rows.length) await insertChained(q, chain(await lockedHead(q), rows));
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
  private flushing = false;
  private scheduled = false;

  /** windowMs 0: gather what arrives in the same turn of the event loop; later arrivals join the next batch while one is being written. */
  private readonly hot: HotSql | undefined;
  /** The hash this process last wrote at the head of the chain (unknown until its first careful batch). */
  private head: string | undefined;
  /** Batches written in one round trip, and through the careful path (first batch, idempotency keys, another writer moved the head). */
  readonly stats = { oneTrip: 0, careful: 0 };

  constructor(private readonly prisma: PrismaClient, private readonly windowMs = 0) {
    this.hot = hotSqlOf(prisma);
  }

  write(row: DecisionRow): Promise<PriorAnswer | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    const later = (fn: () => void) => (this.windowMs > 0 ? setTimeout(fn, this.windowMs) : setImmediate(fn));
    later(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const jobs = this.queue.splice(0, MAX_BATCH);
    try {
      const hot = this.hot;
      if (hot?.script && hot.literal && this.head !== undefined && jobs.every((j) => !j.row.idempotencyKey)) {
        const rows = jobs.map((j) => j.row);
        const chained = chain(this.head, rows);
        if (await scriptBatch({ script: hot.script, literal: hot.literal }, this.head, chained, rows)) {
          this.head = chained[chained.length - 1].hash;
          this.stats.oneTrip++;
          for (const j of jobs) j.resolve(null);
          return;
        }
      }
      let lastHash: string | undefined;
      const work = async (q: Query) => {
        const head = await lockedHead(q);
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
        const chained = chain(head, fresh);
        if (fresh.length) await insertChained(q, chained);
        lastHash = chained.length ? chained[chained.length - 1].hash : head;
        await upsertDecisionRollups(q, fresh);
        return priorOf;
      };
      const priors = hot ? await hot.transaction(work) : await this.prisma.$transaction((tx) => work(prismaQuery(tx)));
      this.head = lastHash;
      this.stats.careful++;
      jobs.forEach((j, i) => j.resolve(priors[i]));
    } catch (err) {
      this.head = undefined;
      for (const j of jobs) j.reject(err);
    } finally {
      this.flushing = false;
      if (this.queue.length) this.schedule();
    }
  }
}

const holder = globalThis as unknown as { __decisionWriter?: { prisma: PrismaClient; writer: DecisionWriter } };

/** The process-wide writer for this database client. */
export function decisionWriter(prisma: PrismaClient): DecisionWriter {
  if (holder.__decisionWriter?.prisma !== prisma) holder.__decisionWriter = { prisma, writer: new DecisionWriter(prisma) };
  return holder.__decisionWriter.writer;
}
