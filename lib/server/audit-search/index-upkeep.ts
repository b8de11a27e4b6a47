import "server-only";
import type { Query } from "../db";

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
