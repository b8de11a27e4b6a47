import "server-only";
import type { Query } from "../db";
import { log } from "../log";

/**
 * The decisions' full-text indexes (migration 0007) take new rows into a GIN "pending list"; when
 * that list passes gin_pending_list_limit, the insert that tipped it merges it into the index —
 * tens of milliseconds inside a decision batch, which holds the chain lock, so every decision in
 * flight waited (bench:decide's p99). Merging it here, every second, outside any decision
 * transaction, keeps the list short: the same work, done beside the decision path instead of
 * inside it. The indexes stay current either way (the pending list is searched too).
 */
export const SEARCH_INDEXES = ["decisions_meta_fts_idx", "decisions_args_fts_idx"] as const;

const CLEAN_SQL = `SELECT ${SEARCH_INDEXES.map((i, n) => `gin_clean_pending_list('"${i}"'::regclass) AS p${n}`).join(", ")}`;

/** Merges the pending lists; returns the pages merged. */
export async function mergeSearchIndexPending(q: Query): Promise<number> {
  const [row] = await q(CLEAN_SQL);
  return Object.values(row ?? {}).reduce<number>((sum, v) => sum + Number(v), 0);
}

let refused = false;

/**
 * The background job's step. Merging needs the indexes' owner (the role that ran the
 * migrations); a console connected as another role says so once and leaves the merging to
 * PostgreSQL's own (inline, autovacuum), rather than failing every second.
 */
export async function upkeepSearchIndexes(q: Query): Promise<void> {
  if (refused) return;
  try {
    await mergeSearchIndexPending(q);
  } catch (err) {
    if ((err as { code?: string }).code !== "42501") throw err;
    refused = true;
    log.warn(
      "audit search index upkeep is off: this database role does not own the search indexes (PostgreSQL merges them itself, inside inserts)",
    );
  }
}
