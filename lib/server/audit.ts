import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { eventHash, GENESIS_HASH, verifyRun, type ChainBreak, type ChainedEvent } from "@/lib/audit/chain";

export type Tx = Prisma.TransactionClient;

export interface Actor {
  type: "user" | "api_token" | "agent" | "metrics_token" | "system" | "anonymous";
  id: string | null;
  label: string;
}

export const SYSTEM_ACTOR: Actor = { type: "system", id: null, label: "system" };

export interface AuditInput {
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  environment?: Environment | null;
  data?: Record<string, unknown>;
}

const CHAIN_LOCK = 727275;

/**
 * Appends events to the hash chain inside the caller's transaction, so the event
 * commits or rolls back with the change it records. The advisory lock serialises
 * appends across every console process sharing the database.
 */
export async function writeAudit(tx: Tx, ...inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { hash: true } });
  let prev = last?.hash ?? GENESIS_HASH;
  const rows: Prisma.AuditEventCreateManyInput[] = [];
  const at = new Date();
  for (const input of inputs) {
    const fields = {
      id: randomUUID(),
      at,
      actorType: input.actor.type,
      actorId: input.actor.id,
      actorLabel: input.actor.label,
      action: input.action,
      targetType: input.target?.type ?? null,
      targetId: input.target?.id ?? null,
      environment: input.environment ?? null,
      data: (input.data ?? {}) as Prisma.InputJsonValue,
    };
    const hash = eventHash(prev, fields);
    rows.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  await tx.auditEvent.createMany({ data: rows });
}

/** Convenience for events that record no other change (logins, failed logins). */
export async function recordAudit(prisma: PrismaClient, ...inputs: AuditInput[]): Promise<void> {
  await prisma.$transaction((tx) => writeAudit(tx, ...inputs));
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  head: string;
  break?: ChainBreak;
}

/** Walks the whole chain in pages of `pageSize`, recomputing every hash. */
export async function verifyAuditChain(prisma: PrismaClient, pageSize = 5_000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let checked = 0;
  let cursor: bigint | undefined;
  for (;;) {
    const page = await prisma.auditEvent.findMany({
      where: cursor === undefined ? {} : { seq: { gt: cursor } },
      orderBy: { seq: "asc" },
      take: pageSize,
    });
    if (page.length === 0) return { ok: true, checked, head: prev };
    const result = verifyRun(prev, page as unknown as ChainedEvent[]);
    if (!result.ok)
      return {
        ok: false,
        checked: checked + page.findIndex((e) => String(e.seq) === result.break.seq),
        head: prev,
        break: result.break,
      };
    prev = result.lastHash;
    checked += page.length;
    cursor = page[page.length - 1].seq;
  }
}
