import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "@/lib/server/db";
import { applyMigrations } from "@/lib/server/migrate";

/** PostgreSQL server the tests may create databases on (trust auth on these machines). */
export const TEST_PG_ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function createTestPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mgc_test_${Date.now()}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

export type DbKind = "embedded" | "postgresql";

/** Which databases this run covers: both, unless PostgreSQL is unreachable outside CI. */
export async function testDbKinds(): Promise<DbKind[]> {
  if (await postgresReachable()) return ["embedded", "postgresql"];
  if (process.env.CI === "true") throw new Error(`PostgreSQL at ${TEST_PG_ADMIN_URL} is required under CI=true`);
  return ["embedded"];
}

/** A fresh, migrated database of the given kind; close() removes it. */
export async function openTestDb(kind: DbKind): Promise<Database & { dispose: () => Promise<void> }> {
  if (kind === "embedded") {
    const db = await openDatabase({ dataDir: "memory://" });
    await applyMigrations(db.sql);
    return { ...db, dispose: () => db.close() };
  }
  const created = await createTestPgDatabase();
  const db = await openDatabase({ databaseUrl: created.url, dataDir: "unused" });
  await applyMigrations(db.sql);
  return {
    ...db,
    dispose: async () => {
      await db.close();
      await created.drop();
    },
  };
}

/** Runs fn with a scratch PostgreSQL database that is dropped afterwards (benchmarks, soak). */
export async function withScratchPgDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const db = await createTestPgDatabase();
  try {
    return await fn(db.url);
  } finally {
    await db.drop().catch(() => {});
  }
}
