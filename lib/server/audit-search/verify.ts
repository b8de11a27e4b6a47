import "server-only";
import { chainHash, GENESIS_HASH, type ChainBreak } from "@/lib/audit/chain";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { verifyAuditChain, type VerifyResult } from "../audit";

type DecisionForHash = Omit<Awaited<ReturnType<PrismaClient["decisionRecord"]["findFirstOrThrow"]>>, "response">;

/**
 * What the decision chain covers, as the writer (enforcement/decision-writer.ts) hashed it:
 * every column but seq, the two hashes and the stored response, with `at` as ISO text.
 */
export function decisionHashFields(row: DecisionForHash & { response?: unknown }): Record<string, unknown> {
  const { seq: _seq, prevHash: _prev, hash: _hash, response: _response, at, ...rest } = row;
  return { ...rest, at: at.toISOString() };
}

export function decisionHashOk(row: DecisionForHash): boolean {
  return chainHash(row.prevHash, decisionHashFields(row)) === row.hash;
}

/** Walks the decision chain in seq order, recomputing every hash; reports the first broken link. */
export async function verifyDecisionChain(prisma: PrismaClient, pageSize = 2_000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const page = await prisma.decisionRecord.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take: pageSize,
      omit: { response: true },
    });
    if (page.length === 0) return { ok: true, checked, head: prev };
    for (const row of page) {
      const at = (problem: ChainBreak["problem"], expected: string, found: string): VerifyResult => ({
        ok: false,
        checked,
        head: prev,
        break: { seq: String(row.seq), id: row.id, problem, expected, found },
      });
      if (row.prevHash !== prev) return at("prev_hash_mismatch", prev, row.prevHash);
      const expected = chainHash(prev, decisionHashFields(row));
      if (expected !== row.hash) return at("hash_mismatch", expected, row.hash);
      prev = row.hash;
      checked += 1;
    }
    cursor = page[page.length - 1].seq;
  }
}

export interface ChainsReport {
  ok: boolean;
  checked: number;
  head: string;
  break: (ChainBreak & { chain: "audit_events" | "decisions" }) | null;
  chains: { audit_events: ChainReport; decisions: ChainReport };
  verified_at: string;
}

interface ChainReport {
  ok: boolean;
  checked: number;
  head: string;
  break: ChainBreak | null;
  duration_ms: number;
}

async function timed(fn: () => Promise<VerifyResult>): Promise<ChainReport> {
  const started = performance.now();
  const r = await fn();
  return {
    ok: r.ok,
    checked: r.checked,
    head: r.head,
    break: r.break ?? null,
    duration_ms: Math.round(performance.now() - started),
  };
}

/**
 * Both chains. The top-level ok, checked, head and break keep the original shape of
 * GET /api/v1/audit/verify (head is the audit-event chain's); ok is false if either chain breaks,
 * and break is the first broken link, audit events first, naming its chain.
 */
export async function verifyChains(prisma: PrismaClient): Promise<ChainsReport> {
  const events = await timed(() => verifyAuditChain(prisma));
  const decisions = await timed(() => verifyDecisionChain(prisma));
  const first = events.break
    ? { ...events.break, chain: "audit_events" as const }
    : decisions.break
      ? { ...decisions.break, chain: "decisions" as const }
      : null;
  return {
    ok: events.ok && decisions.ok,
    checked: events.checked + decisions.checked,
    head: events.head,
    break: first,
    chains: { audit_events: events, decisions },
    verified_at: new Date().toISOString(),
  };
}
