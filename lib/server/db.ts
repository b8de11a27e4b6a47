import "server-only";
import { processSingleton, processSlot } from "./singleton";
import { ADVISORY_LOCKS } from "./advisory-locks";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { benchProbesOn, timePoolWaits } from "./bench-probes";
import { type DbTimeouts, dbTimeouts, sessionOptions } from "./db-timeouts";
import { applyMigrations, type SqlRunner } from "./migrate";

export type DatabaseKind = "embedded" | "postgresql";

/** A statement runner bound to one open transaction (or to the pool, outside one). */
export type Query = (text: string, params?: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * The driver itself, without Prisma's per-query compiler and tracing: for the hot agent path
 * (decision group commit, pending-approval lookups), where Prisma costs more than the SQL.
 */
export interface HotSql {
  query: Query;
  /**
   * A single statement committed without waiting for its WAL flush (PostgreSQL's
   * synchronous_commit off, on connections of its own): for records whose loss in a database
   * crash costs a few counts, never a decision — the result rows of allowed calls. The commit is
   * still ordered and visible at once, constraints still hold, and an error still throws; only a
   * crash of PostgreSQL itself within ~0.6 s (3 × wal_writer_delay) can lose it. Same as query on PGlite.
   */
  asyncCommit: Query;
  /** BEGIN … COMMIT on one connection (ROLLBACK if fn throws). */
  transaction<T>(fn: (q: Query) => Promise<T>): Promise<T>;
}

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  hot: HotSql;
  /** Runs raw SQL (several statements allowed); used by the migrator and health checks. */
  sql: SqlRunner;
  close(): Promise<void>;
}

/** Under load (and on PGlite's single connection) transactions queue: wait longer than Prisma's 2 s default before giving up. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

interface DbOptions {
  databaseUrl?: string;
  dataDir: string;
  /** PostgreSQL only: statement, lock, idle-in-transaction, read and pool timeouts (none when absent). */
  timeouts?: DbTimeouts;
}

export async function openDatabase(opts: DbOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.timeouts) : openEmbedded(opts.dataDir);
}

type Pg = typeof import("pg").default;

async function openPostgres(databaseUrl: string, t: DbTimeouts | undefined): Promise<Database> {
  const [{ default: pg }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
  const bounded = (extra = "") => ({
    connectionString: databaseUrl,
    connectionTimeoutMillis: t?.connectMs ?? 5_000,
    keepAlive: true,
    ...(t ? { query_timeout: t.readMs, options: sessionOptions(t, extra) } : extra ? { options: extra } : {}),
  });
  const pool = new pg.Pool({ ...bounded(), max: 20 });
  if (benchProbesOn()) timePoolWaits(pool);
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => {});
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool),
    transactionOptions: t ? { maxWait: t.connectMs, timeout: TRANSACTION_OPTIONS.timeout } : TRANSACTION_OPTIONS,
  });
  const sql: SqlRunner = {
    exec: async (text) => void (await pool.query(text)),
    query: async (text, params = []) => (await pool.query(text, params as unknown[])).rows,
    withLock: (fn) => withMigrationLock(pg, databaseUrl, fn),
  };
  // The hot path's statements are a handful of fixed texts run thousands of times: each becomes a
  // named prepared statement, parsed once per connection (the first few hundred distinct texts).
  const names = new Map<string, string>();
  const statementName = (text: string) => {
    let name = names.get(text);
    if (name === undefined && names.size < 256) names.set(text, (name = `hot_${names.size}`));
    return name;
  };
  const relaxed = new pg.Pool({ ...bounded("-c synchronous_commit=off"), max: 4 });
  if (benchProbesOn()) timePoolWaits(relaxed);
  relaxed.on("error", () => {});
  const hot: HotSql = {
    query: async (text, params = []) =>
      (await pool.query({ text, values: params as unknown[], name: statementName(text) })).rows,
    asyncCommit: async (text, params = []) =>
      (await relaxed.query({ text, values: params as unknown[], name: statementName(text) })).rows,
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        const out = await fn(async (text, params = []) => (await client.query(text, params as unknown[])).rows);
        await client.query("COMMIT");
        return out;
      } catch (err) {
        await client.query("ROLLBACK").catch(() => (broken = true));
        throw err;
      } finally {
        // A connection that could not even roll back is discarded, not reused.
        client.release(broken);
      }
    },
  };
  hotByPrisma.set(prisma, hot);
  return {
    kind: "postgresql",
    prisma,
    hot,
    sql,
    close: async () => {
      await prisma.$disconnect();
      await Promise.all([pool.end(), relaxed.end()]);
    },
  };
}

/** Migrations get a connection of their own, without the request timeouts (a migration may rebuild an index). */
async function withMigrationLock<T>(pg: Pg, databaseUrl: string, fn: (sql: SqlRunner) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 30_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${ADVISORY_LOCKS.MIGRATIONS})`);
    return await fn(sqlOf(client));
  } finally {
    await client.query(`SELECT pg_advisory_unlock(${ADVISORY_LOCKS.MIGRATIONS})`).catch(() => {});
    await client.end().catch(() => {});
  }
}

async function openEmbedded(dataDir: string): Promise<Database> {
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  const dir = dataDir === "memory://" ? "memory://" : path.resolve(/*turbopackIgnore: true*/ dataDir, "pglite");
  if (dir !== "memory://") fs.mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  const prisma = new PrismaClient({
    adapter: new PrismaPGlite(pglite) as never,
    transactionOptions: TRANSACTION_OPTIONS,
  });
  const runner: SqlRunner = {
    exec: async (text) => void (await pglite.exec(text)),
    query: async (text, params = []) =>
      (await pglite.query(text, params as unknown[])).rows as Record<string, unknown>[],
    // PGlite has a single connection in a single process: nothing else can race the migrator.
    withLock: (fn) => fn(runner),
  };
  // PGlite runs one statement or transaction at a time (Prisma's adapter takes the same lock).
  const pgliteQuery: Query = async (text, params = []) =>
    (await pglite.query(text, params as unknown[])).rows as Record<string, unknown>[];
  const hot: HotSql = {
    query: pgliteQuery,
    asyncCommit: pgliteQuery,
    transaction: (fn) =>
      pglite.transaction((tx) =>
        fn(async (text, params = []) => (await tx.query(text, params as unknown[])).rows as Record<string, unknown>[]),
      ),
  };
  hotByPrisma.set(prisma, hot);
  return {
    kind: "embedded",
    prisma,
    hot,
    sql: runner,
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

const hotByPrisma = processSingleton("hotSql", () => new WeakMap<PrismaClient, HotSql>());

/** The driver behind a client opened by openDatabase (undefined for any other client). */
export function hotSqlOf(prisma: PrismaClient): HotSql | undefined {
  return hotByPrisma.get(prisma);
}

function sqlOf(client: {
  query: (t: string, p?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
}): SqlRunner {
  const self: SqlRunner = {
    exec: async (text) => void (await client.query(text)),
    query: async (text, params = []) => (await client.query(text, params as unknown[])).rows,
    withLock: (fn) => fn(self),
  };
  return self;
}

const consoleDb = processSlot<Promise<Database>>("consoleDb");

/** The process-wide database, opened and migrated once (shared by Next bundles and the custom server). */
export function getDb(): Promise<Database> {
  let db = consoleDb.get();
  if (!db) {
    const e = env();
    db = (async () => {
      const database = await openDatabase({
        databaseUrl: e.DATABASE_URL,
        dataDir: e.DATA_DIR,
        timeouts: dbTimeouts(e.ANSWER_DEADLINE_MS),
      });
      await applyMigrations(database.sql);
      return database;
    })();
    consoleDb.set(db);
    db.catch(() => consoleDb.set(undefined));
  }
  return db;
}

export async function getPrisma(): Promise<PrismaClient> {
  return (await getDb()).prisma;
}
