import "server-only";
import { lockInTx } from "./advisory-locks";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { eventHash, GENESIS_HASH, type ChainBreak } from "@/lib/audit/chain";
import { FROM_GENESIS, walkChain } from "./audit-verify/walk-chain";

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

/**
 * Appends events to the hash chain inside the caller's transaction, so the event
 * commits or rolls back with the change it records. The advisory lock serialises
 * appends across every console process sharing the database.
 */
export async function writeAudit(tx: Tx, ...inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await lockInTx(tx, "AUDIT_CHAIN");
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

/** Walks the whole event chain in pages of `pageSize` on this thread, recomputing every hash. */
export async function verifyAuditChain(prisma: PrismaClient, pageSize = 5_000): Promise<VerifyResult> {
  const r = await walkChain(prisma, "audit_events", FROM_GENESIS, { pageSize });
  return { ok: r.ok, checked: r.checked, head: r.head, ...(r.break && { break: r.break }) };
}
