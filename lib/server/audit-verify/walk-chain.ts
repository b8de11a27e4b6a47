import "server-only";
import { GENESIS_HASH, type ChainBreak, type ChainName, type LinkedRecord } from "@/lib/audit/chain";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { inThreadHasher, type ChainHasher } from "./chain-hasher";

/** Where a walk starts: after a verified record (its seq and hash), or at the chain's first record. */
export interface WalkStart {
  afterSeq?: bigint;
  prevHash: string;
}

export interface WalkResult {
  ok: boolean;
  /** Records recomputed by this walk (those before a break). */
  checked: number;
  /** Hash of the last intact record (the start's prevHash when none). */
  head: string;
  /** The last intact record, when the walk verified any. */
  last?: { seq: bigint; id: string };
  break?: ChainBreak;
}

export const FROM_GENESIS: WalkStart = { prevHash: GENESIS_HASH };

// Small pages: reading and copying a page to the worker is the part left on the event loop.
const PAGE_SIZE: Record<ChainName, number> = { audit_events: 1_000, decisions: 500 };

function readPage(prisma: PrismaClient, chain: ChainName, after: bigint | undefined, take: number) {
  const where = after === undefined ? {} : { seq: { gt: after } };
  return (
    chain === "audit_events"
      ? prisma.auditEvent.findMany({ where, orderBy: { seq: "asc" }, take })
      : prisma.decisionRecord.findMany({ where, orderBy: { seq: "asc" }, take, omit: { response: true } })
  ) as Promise<LinkedRecord[]>;
}

/**
 * Walks a stored chain in seq order from `start`, page by page: the next page is read while the
 * hasher (a worker thread in the console) recomputes the current one. Stops at the first break.
 */
export async function walkChain(
  prisma: PrismaClient,
  chain: ChainName,
  start: WalkStart = FROM_GENESIS,
  opts: { hasher?: ChainHasher; pageSize?: number; onProgress?: (checked: number) => void } = {},
): Promise<WalkResult> {
  const hasher = opts.hasher ?? inThreadHasher();
  const pageSize = opts.pageSize ?? PAGE_SIZE[chain];
  let prev = start.prevHash;
  let checked = 0;
  let last: WalkResult["last"];
  let pending = readPage(prisma, chain, start.afterSeq, pageSize);
  for (;;) {
    const page = await pending;
    if (page.length === 0) return { ok: true, checked, head: prev, last };
    const tail = page[page.length - 1];
    pending = page.length < pageSize ? Promise.resolve([]) : readPage(prisma, chain, BigInt(tail.seq), pageSize);
    const r = await hasher.verify(chain, prev, page).catch((err) => {
      pending.catch(() => {});
      throw err;
    });
    checked += r.checked;
    if (r.break) {
      pending.catch(() => {});
      const lastGood = r.checked > 0 ? page[r.checked - 1] : undefined;
      if (lastGood) last = { seq: BigInt(lastGood.seq), id: lastGood.id };
      return { ok: false, checked, head: r.lastHash, last, break: r.break };
    }
    prev = r.lastHash;
    last = { seq: BigInt(tail.seq), id: tail.id };
    opts.onProgress?.(checked);
  }
}
