// The hash rule of both chains, in plain JavaScript so that the verification worker
// (chain-worker.mjs) loads this very file under tsx, `next start` and Vitest alike.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

/** The first record of a chain links to this. */
export const GENESIS_HASH = `sha256:${"0".repeat(64)}`;

/** sha256 over the previous hash and the canonical JSON (RFC 8785) of a record's fields. */
export function chainHash(prevHash, fields) {
  return `sha256:${createHash("sha256")
    .update(prevHash)
    .update("\n")
    .update(canonicalize(fields) ?? "")
    .digest("hex")}`;
}

/** What an audit event's hash covers: everything but seq and the hashes themselves. */
export function eventHashFields(e) {
  return {
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
  };
}

/**
 * What the decision chain covers, as the writer (enforcement/decision-writer.ts) hashed it:
 * every column but seq, the two hashes and the stored response, with `at` as ISO text.
 */
export function decisionHashFields(row) {
  const { seq: _seq, prevHash: _prev, hash: _hash, response: _response, at, ...rest } = row;
  return { ...rest, at: at.toISOString() };
}

const FIELDS = { audit_events: eventHashFields, decisions: decisionHashFields };

/**
 * Checks one ordered run of a chain's records against the hash that precedes them: each must
 * link to the one before and recompute to its stored hash. Stops at the first broken link.
 */
export function verifyLinks(chain, prevHash, records) {
  const fieldsOf = FIELDS[chain];
  let prev = prevHash;
  let checked = 0;
  for (const r of records) {
    if (r.prevHash !== prev)
      return {
        checked,
        lastHash: prev,
        break: { seq: String(r.seq), id: r.id, problem: "prev_hash_mismatch", expected: prev, found: r.prevHash },
      };
    const expected = chainHash(prev, fieldsOf(r));
    if (expected !== r.hash)
      return {
        checked,
        lastHash: prev,
        break: { seq: String(r.seq), id: r.id, problem: "hash_mismatch", expected, found: r.hash },
      };
    prev = r.hash;
    checked += 1;
  }
  return { checked, lastHash: prev };
}
