import { chainHash, eventHashFields, verifyLinks, type LinkBreak } from "./chain-rule.mjs";

// The rule itself lives in chain-rule.mjs, plain JavaScript the verification worker loads too.
export { chainHash, decisionHashFields, GENESIS_HASH, verifyLinks } from "./chain-rule.mjs";
export type { ChainName, LinkedRecord, LinksResult } from "./chain-rule.mjs";

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

export function eventHash(prevHash: string, e: ChainedFields): string {
  return chainHash(prevHash, eventHashFields(e));
}

/**
 * The first broken link of a chain; checkpoint_mismatch: the record a signed checkpoint vouched
 * for no longer carries the hash it had then (rewritten or removed since).
 */
export interface ChainBreak extends Omit<LinkBreak, "problem"> {
  problem: LinkBreak["problem"] | "checkpoint_mismatch";
}

/**
 * Checks one ordered run of events against the hash that precedes it.
 * Returns the first break, or the last hash so the next page can continue from it.
 */
export function verifyRun(
  prevHash: string,
  events: ChainedEvent[],
): { ok: true; lastHash: string } | { ok: false; break: ChainBreak } {
  const r = verifyLinks("audit_events", prevHash, events);
  return r.break ? { ok: false, break: r.break } : { ok: true, lastHash: r.lastHash };
}
