// Exact row counts of every table in one query, to prove a refused request stored nothing.
import type pg from "pg";

export type Counts = Record<string, number>;

export async function tableCounter(client: pg.Client): Promise<() => Promise<Counts>> {
  const tables = (
    await client.query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    )
  ).rows.map((r) => r.t);
  const sql = `SELECT ${tables.map((t, i) => `(SELECT count(*) FROM "${t}")::int AS c${i}`).join(", ")}`;
  return async () => {
    const row = (await client.query(sql)).rows[0] as Record<string, number>;
    return Object.fromEntries(tables.map((t, i) => [t, row[`c${i}`]]));
  };
}

/** Tables whose count changed, as "table +n". */
export function countChanges(before: Counts, after: Counts, ignore: ReadonlySet<string> = new Set()): string[] {
  return Object.keys(after)
    .filter((t) => !ignore.has(t) && after[t] !== before[t])
    .map((t) => `${t} ${after[t] - (before[t] ?? 0) >= 0 ? "+" : ""}${after[t] - (before[t] ?? 0)}`);
}
