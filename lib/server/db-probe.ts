import "server-only";
import { env } from "@/lib/env";
import { getDb } from "./db";
import { TIMED_OUT, withinDeadline } from "./deadline";

export type DbHealth =
  | { ok: true; kind: "embedded" | "postgresql" }
  | { ok: false; reason: "unreachable" | "not-answering" };

const PROBE_TTL_MS = 1_000;
let last: { at: number; health: Promise<DbHealth> } | undefined;

/**
 * Whether the database answers `SELECT 1` within half the answer bound, at most one probe a
 * second however many ask (a stalled database would otherwise collect a probe per request).
 */
export function probeDatabase(): Promise<DbHealth> {
  const now = Date.now();
  if (last && now - last.at < PROBE_TTL_MS) return last.health;
  const health = runProbe(Math.max(100, Math.round(env().ANSWER_DEADLINE_MS / 2)));
  last = { at: now, health };
  return health;
}

async function runProbe(boundMs: number): Promise<DbHealth> {
  const probe = (async (): Promise<DbHealth> => {
    try {
      const db = await getDb();
      await db.sql.query("SELECT 1");
      return { ok: true, kind: db.kind };
    } catch {
      return { ok: false, reason: "unreachable" };
    }
  })();
  const health = await withinDeadline(probe, boundMs);
  return health === TIMED_OUT ? { ok: false, reason: "not-answering" } : health;
}
