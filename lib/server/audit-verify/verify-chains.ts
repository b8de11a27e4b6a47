import "server-only";
import type { ChainBreak, ChainName } from "@/lib/audit/chain";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type ChainHasher, inThreadHasher, workerHasher } from "./chain-hasher";
import { readCheckpoint, saveCheckpoint, type Checkpoint } from "./checkpoints";
import { FROM_GENESIS, walkChain } from "./walk-chain";

/** incremental: resume after each chain's signed checkpoint; full: recompute from the first record. */
export type VerifyMode = "incremental" | "full";

/** What became of the stored checkpoint: mismatch — its record no longer carries the hash it vouched for. */
export type CheckpointStatus = "none" | "valid" | "invalid_signature" | "mismatch";

export interface ChainReport {
  ok: boolean;
  /** Records recomputed by this run. */
  checked: number;
  head: string;
  break: ChainBreak | null;
  duration_ms: number;
  /** This run resumed after the checkpoint instead of starting at the first record. */
  incremental: boolean;
  resumed_after: { seq: string; verified_at: string } | null;
  /** Intact records from the chain's first through its head: the checkpoint's plus this run's. */
  verified_records: number;
  checkpoint: { status: CheckpointStatus; seq: string | null; verified_at: string | null };
}

export interface ChainsReport {
  ok: boolean;
  checked: number;
  head: string;
  break: (ChainBreak & { chain: ChainName }) | null;
  chains: Record<ChainName, ChainReport>;
  verified_at: string;
  run_id: string;
  mode: VerifyMode;
  /** Some chain resumed after its checkpoint. */
  incremental: boolean;
  /** The hashing ran in a worker thread (false: the fallback on the calling thread). */
  worker: boolean;
}

type Progress = Record<ChainName, { checked: number; total: number | null }>;

async function anchorOf(prisma: PrismaClient, chain: ChainName, seq: bigint) {
  const select = { id: true, hash: true } as const;
  return chain === "audit_events"
    ? prisma.auditEvent.findUnique({ where: { seq }, select })
    : prisma.decisionRecord.findUnique({ where: { seq }, select });
}

async function countAfter(prisma: PrismaClient, chain: ChainName, seq: bigint | undefined): Promise<number> {
  const where = seq === undefined ? {} : { seq: { gt: seq } };
  return chain === "audit_events" ? prisma.auditEvent.count({ where }) : prisma.decisionRecord.count({ where });
}

const bySeq = (a: ChainBreak, b: ChainBreak) => (BigInt(a.seq) < BigInt(b.seq) ? -1 : 1);

/**
 * One chain: trust the checkpoint only if its mac verifies and its record still has the hash it
 * vouched for (else start at the first record and say why), recompute what follows, then move
 * the checkpoint to the last intact record — back before a break a full run found, so later
 * incremental runs keep reporting it until the record is restored.
 */
async function verifyChain(
  prisma: PrismaClient,
  chain: ChainName,
  mode: VerifyMode,
  hasher: ChainHasher,
  progress: Progress[ChainName],
): Promise<ChainReport> {
  const started = performance.now();
  const stored = await readCheckpoint(prisma, chain);
  let status: CheckpointStatus = stored.status;
  let mismatch: ChainBreak | undefined;
  let resume: Checkpoint | undefined;
  if (stored.status === "valid") {
    const cp = stored.checkpoint;
    const anchor = await anchorOf(prisma, chain, cp.seq);
    if (anchor?.hash !== cp.hash || anchor.id !== cp.recordId) {
      status = "mismatch";
      const found = anchor?.hash ?? "missing";
      mismatch = { seq: String(cp.seq), id: cp.recordId, problem: "checkpoint_mismatch", expected: cp.hash, found };
    } else if (mode === "incremental") resume = cp;
  }
  progress.total = await countAfter(prisma, chain, resume?.seq);
  const start = resume ? { afterSeq: resume.seq, prevHash: resume.hash } : FROM_GENESIS;
  const walk = await walkChain(prisma, chain, start, { hasher, onProgress: (n) => (progress.checked = n) });
  progress.checked = walk.checked;
  const verified = (resume?.count ?? 0n) + BigInt(walk.checked);
  const next: Checkpoint | null = walk.last
    ? { chain, seq: walk.last.seq, recordId: walk.last.id, hash: walk.head, count: verified, verifiedAt: new Date() }
    : null;
  if (next || (!resume && stored.status !== "none"))
    await saveCheckpoint(
      prisma,
      chain,
      next,
      mode === "incremental" ? { mac: stored.status === "none" ? null : stored.mac } : undefined,
    );
  const first = [walk.break, mismatch].filter((b): b is ChainBreak => !!b).sort(bySeq)[0] ?? null;
  const shown = stored.status === "valid" ? stored.checkpoint : undefined;
  return {
    ok: first === null,
    checked: walk.checked,
    head: walk.head,
    break: first,
    duration_ms: Math.round(performance.now() - started),
    incremental: !!resume,
    resumed_after: resume ? { seq: String(resume.seq), verified_at: resume.verifiedAt.toISOString() } : null,
    verified_records: Number(verified),
    checkpoint: {
      status,
      seq: shown ? String(shown.seq) : null,
      verified_at: shown ? shown.verifiedAt.toISOString() : null,
    },
  };
}

/**
 * Both chains, hashed in a worker thread. The top-level ok, checked, head and break keep the
 * original shape of GET /api/v1/audit/verify (head is the audit-event chain's); ok is false if
 * either chain breaks, and break is the first broken link, audit events first, naming its chain.
 */
export async function runVerification(
  prisma: PrismaClient,
  mode: VerifyMode,
  runId: string,
  progress: Progress,
  useWorker = true,
): Promise<ChainsReport> {
  const hasher = useWorker ? await workerHasher().catch(() => inThreadHasher()) : inThreadHasher();
  try {
    const events = await verifyChain(prisma, "audit_events", mode, hasher, progress.audit_events);
    const decisions = await verifyChain(prisma, "decisions", mode, hasher, progress.decisions);
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
      run_id: runId,
      mode,
      incremental: events.incremental || decisions.incremental,
      worker: hasher.threaded,
    };
  } finally {
    await hasher.close();
  }
}
