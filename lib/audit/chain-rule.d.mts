export type ChainName = "audit_events" | "decisions";

export interface LinkBreak {
  seq: string;
  id: string;
  problem: "prev_hash_mismatch" | "hash_mismatch";
  expected: string;
  found: string;
}

/** A stored record as read for verification: its seq, id, the two hashes and the covered fields. */
export interface LinkedRecord {
  seq: bigint | number;
  id: string;
  at: Date;
  prevHash: string;
  hash: string;
}

export interface LinksResult {
  /** Records that linked and recomputed, in order, before the break if there is one. */
  checked: number;
  /** The hash of the last record that verified (the given prevHash when none did). */
  lastHash: string;
  break?: LinkBreak;
}

export const GENESIS_HASH: string;
export function chainHash(prevHash: string, fields: unknown): string;
export function eventHashFields(e: {
  id: string;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  environment: string | null;
  data: unknown;
}): Record<string, unknown>;
export function decisionHashFields(row: { at: Date } & Record<string, unknown>): Record<string, unknown>;
export function verifyLinks(chain: ChainName, prevHash: string, records: readonly LinkedRecord[]): LinksResult;
