import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { AuditEvent, DecisionRecord, PrismaClient, SiemExportState } from "@/lib/generated/prisma/client";
import { tryLockPartsInTx } from "../advisory-locks";
import { log } from "../log";
import { transportOf } from "./destinations";
import { sendHttps } from "./https";
import { decisionToOcsf, eventToOcsf, type OcsfRecord } from "./ocsf";
import { sendSyslog } from "./syslog";

/**
 * The exporter (docs/siem-export.md#delivery): per destination, under a lease claimed with an
 * advisory lock, it sends the rows past the durable cursor and advances the cursor only once the
 * receiver acknowledged, in one transaction with the destination's status.
 */

export interface ExportOptions {
  /** Who holds the lease (a process id); a new exporter state gets a new one. */
  owner?: string;
  batchSize?: number;
  /** Per-attempt limit on the receiver (connect, TLS, answer). */
  timeoutMs?: number;
  /** Batches per run before handing the destination back. */
  maxBatches?: number;
  /** Ignore the retry back-off (the settings page's "retry now"). */
  retryNow?: boolean;
}

export type ExportResult =
  | { status: "sent"; rows: number; batches: number }
  | { status: "idle" | "busy" | "waiting" | "disabled" }
  | { status: "failed"; error: string; rows: number };

const PROCESS_OWNER = `${process.pid}-${randomUUID()}`;
const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_CAP_MS = 5 * 60_000;

/** Capped exponential back-off after the n-th failed attempt in a row: 1 s, 2 s, 4 s … 5 min. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

interface Batch {
  key: string;
  eventTo: bigint;
  decisionTo: bigint;
  events: AuditEvent[];
  decisions: DecisionRecord[];
}

/** The Idempotency-Key of a batch: the destination and the seq ranges it covers, so a retry repeats it. */
function batchKey(destinationId: string, s: SiemExportState, eventTo: bigint, decisionTo: bigint): string {
  const range = `${destinationId}:e${s.eventSeq}-${eventTo}:d${s.decisionSeq}-${decisionTo}`;
  return `siem-${createHash("sha256").update(range).digest("hex").slice(0, 32)}`;
}

/** Claims the destination for `owner` for `leaseMs` unless another holder's lease is live. */
async function claim(prisma: PrismaClient, id: string, owner: string, leaseMs: number, retryNow: boolean) {
  return prisma.$transaction(async (tx) => {
    if (!(await tryLockPartsInTx(tx, "SIEM_EXPORT", id))) return "busy" as const;
    const s = await tx.siemExportState.findUnique({ where: { destinationId: id } });
    if (!s) return "busy" as const;
    const now = new Date();
    if (s.leaseOwner && s.leaseOwner !== owner && s.leaseUntil && s.leaseUntil > now) return "busy" as const;
    if (!retryNow && s.nextAttemptAt > now) return "waiting" as const;
    await tx.siemExportState.update({
      where: { destinationId: id },
      data: { leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs) },
    });
    return "claimed" as const;
  });
}

/** The batch in flight, or the next one past the cursor (recorded as in flight before it is sent). */
async function nextBatch(prisma: PrismaClient, id: string, owner: string, size: number): Promise<Batch | null> {
  const s = await prisma.siemExportState.findUniqueOrThrow({ where: { destinationId: id } });
  let eventTo = s.pendingEventTo;
  let decisionTo = s.pendingDecisionTo;
  if (eventTo === null || decisionTo === null) {
    const [e, d] = await Promise.all([
      prisma.auditEvent.findMany({
        where: { seq: { gt: s.eventSeq } },
        orderBy: { seq: "asc" },
        take: size,
        select: { seq: true },
      }),
      prisma.decisionRecord.findMany({
        where: { seq: { gt: s.decisionSeq } },
        orderBy: { seq: "asc" },
        take: size,
        select: { seq: true },
      }),
    ]);
    if (e.length === 0 && d.length === 0) return null;
    eventTo = e.at(-1)?.seq ?? s.eventSeq;
    decisionTo = d.at(-1)?.seq ?? s.decisionSeq;
    const key = batchKey(id, s, eventTo, decisionTo);
    const held = await prisma.siemExportState.updateMany({
      where: { destinationId: id, leaseOwner: owner },
      data: { pendingEventTo: eventTo, pendingDecisionTo: decisionTo, pendingKey: key },
    });
    if (held.count === 0) throw new LeaseLost();
  }
  const [events, decisions] = await Promise.all([
    prisma.auditEvent.findMany({ where: { seq: { gt: s.eventSeq, lte: eventTo } }, orderBy: { seq: "asc" } }),
    prisma.decisionRecord.findMany({ where: { seq: { gt: s.decisionSeq, lte: decisionTo } }, orderBy: { seq: "asc" } }),
  ]);
  checkLinks(events, s.eventHash, "audit_events");
  checkLinks(decisions, s.decisionHash, "decisions");
  return { key: s.pendingKey ?? batchKey(id, s, eventTo, decisionTo), eventTo, decisionTo, events, decisions };
}

class LeaseLost extends Error {
  constructor() {
    super("the export lease passed to another exporter");
  }
}

/** Each row must link to the one before it, the first to the cursor: a break stops the export (fail closed). */
function checkLinks(rows: { seq: bigint; prevHash: string; hash: string }[], cursorHash: string, chain: string) {
  let prev = cursorHash;
  for (const row of rows) {
    if (row.prevHash !== prev) throw new Error(`${chain} chain does not link at seq ${row.seq}: export stopped`);
    prev = row.hash;
  }
}

/** Both chains in one stream, each in its own order, merged by time (events first on a tie). */
export function mergeByTime(events: OcsfRecord[], decisions: OcsfRecord[]): OcsfRecord[] {
  const out: OcsfRecord[] = [];
  let i = 0;
  let j = 0;
  while (i < events.length || j < decisions.length) {
    if (j >= decisions.length || (i < events.length && events[i].time <= decisions[j].time)) out.push(events[i++]);
    else out.push(decisions[j++]);
  }
  return out;
}

/** Rows counted per chain for the lag, at most: a cursor far behind costs the same on every commit. */
export const LAG_COUNT_CAP = 100_000;

type ChainReader = Pick<PrismaClient, "auditEvent" | "decisionRecord">;

/** Rows past the cursor in both chains, and how old the oldest is (queries in turn: it also runs inside a transaction). */
export async function lag(prisma: ChainReader, eventSeq: bigint, decisionSeq: bigint) {
  const ec = await prisma.auditEvent.count({ where: { seq: { gt: eventSeq } }, take: LAG_COUNT_CAP });
  const dc = await prisma.decisionRecord.count({ where: { seq: { gt: decisionSeq } }, take: LAG_COUNT_CAP });
  const first = { orderBy: { seq: "asc" as const }, select: { at: true } };
  const eo = await prisma.auditEvent.findFirst({ where: { seq: { gt: eventSeq } }, ...first });
  const dO = await prisma.decisionRecord.findFirst({ where: { seq: { gt: decisionSeq } }, ...first });
  const oldest = Math.min(eo?.at.getTime() ?? Infinity, dO?.at.getTime() ?? Infinity);
  return {
    lagRows: BigInt(ec + dc),
    lagSeconds: Number.isFinite(oldest) ? Math.max(0, Math.round((Date.now() - oldest) / 1000)) : 0,
  };
}

/** The receiver acknowledged the batch: cursor, status and lag in one transaction, only while we hold the lease. */
async function commitBatch(prisma: PrismaClient, id: string, owner: string, b: Batch, leaseMs: number) {
  await prisma.$transaction(async (tx) => {
    const lastEvent = b.events.at(-1);
    const lastDecision = b.decisions.at(-1);
    const moved = await tx.siemExportState.updateMany({
      where: { destinationId: id, leaseOwner: owner },
      data: {
        ...(lastEvent ? { eventSeq: lastEvent.seq, eventHash: lastEvent.hash } : { eventSeq: b.eventTo }),
        ...(lastDecision
          ? { decisionSeq: lastDecision.seq, decisionHash: lastDecision.hash }
          : { decisionSeq: b.decisionTo }),
        pendingEventTo: null,
        pendingDecisionTo: null,
        pendingKey: null,
        attempts: 0,
        nextAttemptAt: new Date(),
        lastSuccessAt: new Date(),
        sentRows: { increment: b.events.length + b.decisions.length },
        leaseUntil: new Date(Date.now() + leaseMs),
        updatedAt: new Date(),
      },
    });
    if (moved.count === 0) throw new LeaseLost();
    const s = await tx.siemExportState.findUniqueOrThrow({ where: { destinationId: id } });
    await tx.siemExportState.update({ where: { destinationId: id }, data: await lag(tx, s.eventSeq, s.decisionSeq) });
  });
}

async function recordFailure(prisma: PrismaClient, id: string, owner: string, error: string): Promise<void> {
  const s = await prisma.siemExportState.findUniqueOrThrow({ where: { destinationId: id } });
  const attempts = s.attempts + 1;
  await prisma.siemExportState.updateMany({
    where: { destinationId: id, leaseOwner: owner },
    data: {
      attempts,
      nextAttemptAt: new Date(Date.now() + backoffMs(attempts)),
      lastError: error.slice(0, 500),
      lastErrorAt: new Date(),
      ...(await lag(prisma, s.eventSeq, s.decisionSeq)),
      updatedAt: new Date(),
    },
  });
}

async function release(prisma: PrismaClient, id: string, owner: string): Promise<void> {
  await prisma.siemExportState.updateMany({
    where: { destinationId: id, leaseOwner: owner },
    data: { leaseOwner: null, leaseUntil: null },
  });
}

/** A failure in words for the status page: fetch's "fetch failed" says nothing without its cause. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: string; message?: string } | undefined;
  return cause ? `${err.message}: ${cause.code ?? cause.message ?? "unknown cause"}` : err.message;
}

/** Sends one batch through the destination's transport. */
export async function deliver(
  destination: Parameters<typeof transportOf>[0],
  records: OcsfRecord[],
  key: string,
  timeoutMs: number,
): Promise<void> {
  const t = transportOf(destination);
  if (t.kind === "https") await sendHttps(t.target, records, key, timeoutMs);
  else await sendSyslog(t.target, records, timeoutMs);
}

/** One run for one destination: batches until caught up, a failure, or maxBatches. */
export async function exportDestination(
  prisma: PrismaClient,
  id: string,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  const owner = opts.owner ?? PROCESS_OWNER;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const destination = await prisma.siemDestination.findUnique({ where: { id } });
  if (!destination?.enabled) return { status: "disabled" };
  // Long enough for an attempt's every limit (connect, answer, body) to pass first; renewed per batch.
  const leaseMs = 6 * timeoutMs;
  const claimed = await claim(prisma, id, owner, leaseMs, opts.retryNow ?? false);
  if (claimed !== "claimed") return { status: claimed };
  let rows = 0;
  let batches = 0;
  try {
    while (batches < (opts.maxBatches ?? 20)) {
      const batch = await nextBatch(prisma, id, owner, opts.batchSize ?? 500);
      if (!batch) break;
      const records = mergeByTime(
        batch.events.map((e) => eventToOcsf(e, destination.includePayload)),
        batch.decisions.map((d) => decisionToOcsf(d, destination.includePayload)),
      );
      await deliver(destination, records, batch.key, timeoutMs);
      await commitBatch(prisma, id, owner, batch, leaseMs);
      rows += records.length;
      batches += 1;
    }
    return rows === 0 ? { status: "idle" } : { status: "sent", rows, batches };
  } catch (err) {
    const error = describeError(err);
    log.warn({ destination: id, error }, "SIEM export attempt failed");
    if (!(err instanceof LeaseLost)) await recordFailure(prisma, id, owner, error);
    return { status: "failed", error, rows };
  } finally {
    await release(prisma, id, owner);
  }
}
