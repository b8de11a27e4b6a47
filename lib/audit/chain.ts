import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/** The first event of the chain links to this. */
export const GENESIS_HASH = `sha256:${"0".repeat(64)}`;

/** The fields an audit event's hash covers: everything but seq and the hashes themselves. */
export interface ChainedFields {
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
}

export interface ChainedEvent extends ChainedFields {
  seq: bigint | number;
  prevHash: string;
  hash: string;
}

/** sha256 over the previous hash and the canonical JSON (RFC 8785) of a record's fields. */
export function chainHash(prevHash: string, fields: unknown): string {
  return `sha256:${createHash("sha256")
    .update(prevHash)
    .update("\n")
    .update(canonicalize(fields) ?? "")
    .digest("hex")}`;
}

export function eventHash(prevHash: string, e: ChainedFields): string {
  return chainHash(prevHash, {
    id: e.id,
    at: e.at.toISOString(),
    actorType: e.actorType,
    actorId: e.actorId,
    actorLabel: e.actorLabel,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    environment: e.environment,
    data: e.data ?? {},
  });
}

export interface ChainBreak {
  seq: string;
  id: string;
  problem: "prev_hash_mismatch" | "hash_mismatch";
  expected: string;
  found: string;
}

/**
 * Checks one ordered run of events against the hash that precedes it.
 * Returns the first break, or the last hash so the next page can continue from it.
 */
export function verifyRun(
  prevHash: string,
  events: ChainedEvent[],
): { ok: true; lastHash: string } | { ok: false; break: ChainBreak } {
  let prev = prevHash;
  for (const e of events) {
    if (e.prevHash !== prev) {
      return {
        ok: false,
        break: { seq: String(e.seq), id: e.id, problem: "prev_hash_mismatch", expected: prev, found: e.prevHash },
      };
    }
    const expected = eventHash(prev, e);
    if (expected !== e.hash) {
      return { ok: false, break: { seq: String(e.seq), id: e.id, problem: "hash_mismatch", expected, found: e.hash } };
    }
    prev = e.hash;
  }
  return { ok: true, lastHash: prev };
}
