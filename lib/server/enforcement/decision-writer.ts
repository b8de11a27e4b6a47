import "server-only";
import { processSlot } from "../singleton";
import { xactLockSql } from "../advisory-locks";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import canonicalize from "canonicalize";
import type { Tx } from "../audit";
import { benchProbesOn, probeBatch, probeChainStatement } from "../bench-probes";
import { hotSqlOf, type HotSql, type Query } from "../db";

/**
 * A decision row before it is chained (responseJson: the answer already serialised for the agent,
 * reused here; argumentsJson: the canonical JSON of `arguments`, when the caller has it already).
 */
export type DecisionRow = Omit<Prisma.DecisionRecordCreateManyInput, "seq" | "prevHash" | "hash"> & {
  at: Date;
  id: string;
  responseJson?: string;
  argumentsJson?: string;
};

const MAX_BATCH = 200;
/**
 * One batch in flight per process: the next batch gathers while one is written. Batches of one
 * database serialise on the chain lock anyway; a second one in flight only waited for the lock in
 * another backend and made batches smaller (bench:decide on PostgreSQL: 2,400–2,775 decisions/s
 * with two in flight, 2,980–3,145 with one, same run conditions).
 */
const MAX_IN_FLIGHT = 1;

/**
 * The fields the decision chain covers — everything the row says minus its own bookkeeping — in
 * RFC 8785 order (keys sorted by UTF-16 code units), so a row's canonical text is written
 * directly instead of through a sorted copy of the row.
 */
export const CHAIN_KEYS = [
  "action",
  "agentId",
  "approvalId",
  "arguments",
  "at",
  "clientId",
  "constraints",
  "decision",
  "environment",
  "httpStatus",
  "id",
  "idempotencyKey",
  "latencyMs",
  "outcome",
  "policyHash",
  "policyVersion",
  "reason",
  "requestHash",
  "risk",
  "ruleId",
  "server",
  "tokenJti",
  "tool",
] as const satisfies readonly Exclude<keyof DecisionRow, "response" | "responseJson" | "argumentsJson">[];
// Compile-time guard: a column added to decisions must be added to the list (or the chain would skip it).
const everyFieldListed: [
  Exclude<keyof DecisionRow, "response" | "responseJson" | "argumentsJson" | (typeof CHAIN_KEYS)[number]>,
] extends [never]
  ? true
  : never = true;
void everyFieldListed;

/** RFC 8785 canonical JSON of a row's chained fields: the text the verifier recomputes with canonicalize (an absent field is left out, as there). */
export function chainCanon(row: DecisionRow): string {
  let out = "";
  for (const key of CHAIN_KEYS) {
    const value = key === "at" ? row.at.toISOString() : row[key];
    if (value === undefined) continue;
    const text =
      typeof value === "string"
        ? JSON.stringify(value)
        : key === "arguments" && row.argumentsJson !== undefined
          ? row.argumentsJson
          : canonicalize(value);
    out += `${out ? "," : "{"}"${key}":${text}`;
  }
  return `${out || "{"}}`;
}

/**
 * One call for the whole batch (migration 0013, write_decision_batch): under the chain lock the
 * database reads the head, links each row as sha256(prev || "\n" || canon) — exactly what
 * chainHash computes — inserts the rows unpacked from the same canonical text and adds them to
 * the per-minute counts. Its statements' plans are cached per connection. So any number of
 * batches, from any number of processes, can be in flight: whichever holds the lock links its
 * rows after whatever was committed before it. Alone, the call is its own transaction.
 */
const BATCH_SQL = `SELECT write_decision_batch($1::jsonb) AS written`;

/** The lock statement (the careful path takes it first, so repeats of a key from another process are already committed). */
const LOCK_SQL = `SELECT 1 AS locked FROM (${xactLockSql("DECISION_CHAIN")}) l`;

/**
 * The batch as JSON text: per row its canonical fields (chainCanon: the text the verifier
 * recomputes with canonicalize; the database both hashes and unpacks them, so they are
 * serialised once) and the answer given.
 */
function batchJson(rows: DecisionRow[]): string {
  return `[${rows.map((r) => `{"canon":${JSON.stringify(chainCanon(r))},"response":${r.responseJson ?? JSON.stringify(r.response)}}`).join(",")}]`;
}

/** Raw statements inside a Prisma interactive transaction (the approval slow path). */
export function prismaQuery(tx: Tx): Query {
  return (text, params = []) => tx.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params);
}

async function insertChained(q: Query, rows: DecisionRow[]): Promise<void> {
  if (rows.length) await q(BATCH_SQL, [batchJson(rows)]);
}

/** Writes decisions on the slow path (approvals), inside the caller's transaction. */
export async function writeDecisionsInTx(tx: Tx, rows: DecisionRow[]): Promise<void> {
  await insertChained(prismaQuery(tx), rows);
}

/** Stored answers to idempotency keys, keyed by client id and key. */
async function priorAnswers(
  q: Query,
  keys: { clientId: string; idempotencyKey: string }[],
): Promise<Map<string, PriorAnswer>> {
  const found = new Map<string, PriorAnswer>();
  if (!keys.length) return found;
  const rows = await q(
    `SELECT d."clientId", d."idempotencyKey", d."httpStatus", d.response FROM decisions d
     JOIN unnest($1::text[], $2::text[]) AS k(c, i) ON d."clientId" = k.c AND d."idempotencyKey" = k.i`,
    [keys.map((k) => k.clientId), keys.map((k) => k.idempotencyKey)],
  );
  for (const f of rows)
    found.set(`${f.clientId}\u0000${f.idempotencyKey}`, {
      httpStatus: Number(f.httpStatus),
      response: f.response as Prisma.JsonValue,
    });
  return found;
}

/** The first answer to an idempotency key, if one is stored (one indexed read through the driver). */
export async function priorAnswer(
  prisma: PrismaClient,
  clientId: string,
  idempotencyKey: string,
): Promise<PriorAnswer | null> {
  const q =
    hotSqlOf(prisma)?.query ??
    ((text, params = []) => prisma.$queryRawUnsafe<Record<string, unknown>[]>(text, ...params));
  return (await priorAnswers(q, [{ clientId, idempotencyKey }])).get(`${clientId}\u0000${idempotencyKey}`) ?? null;
}

/** What an idempotent repeat gets: the first answer to that key. */
export interface PriorAnswer {
  httpStatus: number;
  response: Prisma.JsonValue;
}

interface Job {
  row: DecisionRow;
  /** When it was queued (only with BENCH_PROBES). */
  queuedAt: number;
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
  /** Batches written by one statement, in a transaction of several (with idempotency keys), and refused batches retried row by row. */
  readonly stats = { oneTrip: 0, careful: 0, rowByRow: 0 };
  private readonly probed = benchProbesOn();

  /** windowMs 0: gather what arrives in the same turn of the event loop; later arrivals join the next batch while one is being written. */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly windowMs = 0,
  ) {
    this.hot = hotSqlOf(prisma);
  }

  write(row: DecisionRow): Promise<PriorAnswer | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject, queuedAt: this.probed ? performance.now() : 0 });
      this.schedule();
    });
  }

  private schedule() {
    if (this.inFlight >= MAX_IN_FLIGHT || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    const later = (fn: () => void) => (this.windowMs > 0 ? setTimeout(fn, this.windowMs) : setImmediate(fn));
    later(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush() {
    if (this.inFlight >= MAX_IN_FLIGHT || this.queue.length === 0) return;
    this.inFlight++;
    const jobs = this.queue.splice(0, MAX_BATCH);
    if (this.probed) probeBatch(performance.now() - jobs[0].queuedAt, jobs.length);
    this.schedule();
    try {
      await this.settle(jobs);
    } catch (err) {
      if (jobs.length === 1 || !isRowRefusal(err)) for (const j of jobs) j.reject(err);
      else {
        // One row the database refuses must not fail the others: each is written alone, so only its caller gets the error.
        this.stats.rowByRow++;
        for (const j of jobs) await this.settle([j]).catch((e) => j.reject(e));
      }
    } finally {
      this.inFlight--;
      this.schedule();
    }
  }

  /** Writes the jobs' rows as one batch and resolves them; throws (resolving none) if the batch is refused. */
  private async settle(jobs: Job[]): Promise<void> {
    const hot = this.hot;
    const sent = this.probed ? performance.now() : 0;
    if (hot && jobs.every((j) => !j.row.idempotencyKey)) {
      await insertChained(
        hot.query,
        jobs.map((j) => j.row),
      );
      if (this.probed) probeChainStatement(performance.now() - sent);
      this.stats.oneTrip++;
      for (const j of jobs) j.resolve(null);
      return;
    }
    const work = async (q: Query) => {
      // The lock first: repeats of a key from another process are then already committed and found.
      await q(LOCK_SQL);
      const existing = await priorAnswers(
        q,
        jobs.flatMap((j) =>
          j.row.idempotencyKey ? [{ clientId: j.row.clientId, idempotencyKey: j.row.idempotencyKey }] : [],
        ),
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
      await insertChained(q, fresh);
      return priorOf;
    };
    const priors = hot ? await hot.transaction(work) : await this.prisma.$transaction((tx) => work(prismaQuery(tx)));
    if (this.probed) probeChainStatement(performance.now() - sent);
    this.stats.careful++;
    jobs.forEach((j, i) => j.resolve(priors[i]));
  }
}

/**
 * An error about the rows' content (SQLSTATE class 22 data exception, 23 integrity violation,
 * 54 program limit exceeded), not about the database being reachable: worth retrying row by row.
 */
export function isRowRefusal(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === "string" && /^(22|23|54)[0-9A-Z]{3}$/.test(code);
}

const current = processSlot<{ prisma: PrismaClient; writer: DecisionWriter }>("decisionWriter");

/** The process-wide writer for this database client. */
export function decisionWriter(prisma: PrismaClient): DecisionWriter {
  let held = current.get();
  if (held?.prisma !== prisma) current.set((held = { prisma, writer: new DecisionWriter(prisma) }));
  return held.writer;
}
