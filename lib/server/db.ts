import "server-only";
import fs from "node:fs";
import path from "node:path";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { applyMigrations, type SqlRunner } from "./migrate";

export type DatabaseKind = "embedded" | "postgresql";

export interface Database {
  kind: DatabaseKind;
  prisma: PrismaClient;
  /** Runs raw SQL (several statements allowed); used by the migrator and health checks. */
  sql: SqlRunner;
  close(): Promise<void>;
}

/** Under load (and on PGlite's single connection) transactions queue: wait longer than Prisma's 2 s default before giving up. */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 15_000 };

interface DbOptions {
  databaseUrl?: string;
  dataDir: string;
}

export async function openDatabase(opts: DbOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const [{ Pool }, { PrismaPg }] = await Promise.all([import("pg"), import("@prisma/adapter-pg")]);
    const pool = new Pool({ connectionString: opts.databaseUrl, max: 20, connectionTimeoutMillis: 5_000 });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on("error", () => {});
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
    const sql: SqlRunner = {
      exec: async (text) => void (await pool.query(text)),
      query: async (text, params = []) => (await pool.query(text, params as unknown[])).rows,
      withLock: async (fn) => {
        const client = await pool.connect();
        try {
          await client.query("SELECT pg_advisory_lock(727274)");
          return await fn(sqlOf(client));
        } finally {
          await client.query("SELECT pg_advisory_unlock(727274)").catch(() => {});
          client.release();
        }
      },
    };
    return { kind: "postgresql", prisma, sql, close: async () => { await prisma.$disconnect(); await pool.end(); } };
  }
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  const dir = opts.dataDir === "memory://" ? "memory://" : path.resolve(/*turbopackIgnore: true*/ opts.dataDir, "pglite");
  if (dir !== "memory://") fs.mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) as never, transactionOptions: TRANSACTION_OPTIONS });
  const runner: SqlRunner = {
    exec: async (text) => void (await pglite.exec(text)),
    query: async (text, params = []) => (await pglite.query(text, params as unknown[])).rows as Record<string, unknown>[],
    // PGlite has a single connection in a single process: nothing else can race the migrator.
    withLock: (fn) => fn(runner),
  };
  return { kind: "embedded", prisma, sql: runner, close: async () => { await prisma.$disconnect(); await pglite.close(); } };
}

function sqlOf(client: { query: (t: string, p?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }): SqlRunner {
  const self: SqlRunner = {
    exec: async (text) => void (await client.query(text)),
    query: async (text, params = []) => (await client.query(text, params as unknown[])).rows,
    withLock: (fn) => fn(self),
  };
  return self;
}

const globalDb = globalThis as unknown as { __consoleDb?: Promise<Database> };

/** The process-wide database, opened and migrated once (shared by Next bundles and the custom server). */
export function getDb(): Promise<Database> {
  if (!globalDb.__consoleDb) {
    const e = env();
    globalDb.__consoleDb = (async () => {
      const database = await openDatabase({ databaseUrl: e.DATABASE_URL, dataDir: e.DATA_DIR });
      await applyMigrations(database.sql);
      return database;
    })();
    globalDb.__consoleDb.catch(() => {
      globalDb.__consoleDb = undefined;
    });
  }
  return globalDb.__consoleDb;
}

export async function getPrisma(): Promise<PrismaClient> {
  return (await getDb()).prisma;
}
