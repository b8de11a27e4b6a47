import "server-only";
import fs from "node:fs";
import path from "node:path";

export interface SqlRunner {
  exec(text: string): Promise<void>;
  query(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs fn while holding the migration lock (advisory lock on PostgreSQL). */
  withLock<T>(fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
}

export interface Migration {
  name: string;
  sql: string;
}

export function migrationsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
}

export function readMigrations(dir = migrationsDir()): Migration[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(/*turbopackIgnore: true*/ dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => ({
      name,
      sql: fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, name, "migration.sql"), "utf8"),
    }));
}

const TABLE = `CREATE TABLE IF NOT EXISTS "_console_migrations" (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`;

/** Applies pending migrations in order, each in one transaction with its bookkeeping row. */
export async function applyMigrations(sql: SqlRunner, migrations = readMigrations()): Promise<string[]> {
  return sql.withLock(async (locked) => {
    await locked.exec(TABLE);
    const done = new Set((await locked.query(`SELECT name FROM "_console_migrations"`)).map((r) => String(r.name)));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.name)) continue;
      const name = m.name.replace(/'/g, "''");
      await locked
        .exec(`BEGIN;\n${m.sql}\n;INSERT INTO "_console_migrations"(name) VALUES ('${name}');\nCOMMIT;`)
        .catch(async (err) => {
          await locked.exec("ROLLBACK").catch(() => {});
          throw err;
        });
      applied.push(m.name);
    }
    return applied;
  });
}

export async function pendingMigrations(sql: SqlRunner, migrations = readMigrations()): Promise<string[]> {
  const rows = await sql.query(`SELECT name FROM "_console_migrations"`);
  const done = new Set(rows.map((r) => String(r.name)));
  return migrations.map((m) => m.name).filter((n) => !done.has(n));
}
