import "server-only";
import { createHash } from "node:crypto";
import type { Tx } from "./audit";

/**
 * Every PostgreSQL advisory lock the console takes, by name: one table so that no two locks share
 * an id by accident. The values are the ones earlier releases used (a process of the previous
 * release running beside this one during an upgrade must meet at the same locks), and
 * migration 0013's write_decision_batch takes DECISION_CHAIN itself.
 *
 * PostgreSQL keeps one-key locks (bigint) and two-key locks (int4, int4) apart, so the two tables
 * are separate key spaces: an id must be unique within its table.
 */
export const ADVISORY_LOCKS = {
  /** Session lock held while migrations run at start-up (lib/server/db.ts). */
  MIGRATIONS: 727274,
  /** The audit-event hash chain: one writer links its event at a time (lib/server/audit.ts). */
  AUDIT_CHAIN: 727275,
  /** Creating the first admin on a fresh install (lib/server/bootstrap.ts). */
  FIRST_ADMIN: 727276,
  /** Changes that must keep at least one active admin (lib/server/users.ts). */
  ADMIN_SET: 727277,
  /** Creating or rotating the built-in issuer's signing key (lib/server/identity/signing-keys.ts). */
  SIGNING_KEYS: 727280,
  /** The decision hash chain (decision-writer.ts and migration 0013). */
  DECISION_CHAIN: 727290,
} as const;

/** Locks on (class, key): the class names what is locked, the key which one. */
export const ADVISORY_LOCK_CLASSES = {
  /** Publishing a policy snapshot, per environment (lib/server/policies/policy-store.ts). */
  POLICY_PUBLISH: 727280,
  /** Repeats of one idempotency key of one agent (enforcement/bind-approval.ts). */
  IDEMPOTENCY_KEY: 727292,
  /** Concurrent first asks of one call that may open an approval (enforcement/bind-approval.ts). */
  PENDING_CALL: 727293,
  /** A running readiness drill, per environment (lib/server/operations/drill.ts). */
  DRILL: 727300,
  /** Claiming one SIEM destination's export lease, per destination (lib/server/siem/export.ts). */
  SIEM_EXPORT: 727310,
} as const;

export type AdvisoryLock = keyof typeof ADVISORY_LOCKS;
export type AdvisoryLockClass = keyof typeof ADVISORY_LOCK_CLASSES;

/** `SELECT pg_advisory_xact_lock(id)` for a lock of the table (the id is a constant, never input). */
export function xactLockSql(lock: AdvisoryLock): string {
  return `SELECT pg_advisory_xact_lock(${ADVISORY_LOCKS[lock]})`;
}

/** Takes a transaction-scoped lock of the table. */
export async function lockInTx(tx: Tx, lock: AdvisoryLock): Promise<void> {
  await tx.$executeRawUnsafe(xactLockSql(lock));
}

/** Takes a transaction-scoped lock on (class, key); the key is an integer, never text. */
export async function lockKeyInTx(tx: Tx, lockClass: AdvisoryLockClass, key: number): Promise<void> {
  if (!Number.isInteger(key) || key < -(2 ** 31) || key >= 2 ** 31) throw new RangeError(`lock key ${key}`);
  await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${ADVISORY_LOCK_CLASSES[lockClass]}, ${key})`);
}

/** The (class id, key) of a lock on (class, parts): tests hold it as another host's transaction would. */
export function partsLock(lockClass: AdvisoryLockClass, ...parts: string[]): readonly [number, number] {
  return [ADVISORY_LOCK_CLASSES[lockClass], createHash("sha256").update(parts.join("\u0000")).digest().readInt32BE(0)];
}

/** Takes a transaction-scoped lock on (class, a 32-bit hash of the parts). */
export function lockPartsInTx(tx: Tx, lockClass: AdvisoryLockClass, ...parts: string[]): Promise<void> {
  return lockKeyInTx(tx, lockClass, partsLock(lockClass, ...parts)[1]);
}

/** The same lock when no other transaction holds it; false, without waiting, when one does. */
export async function tryLockPartsInTx(tx: Tx, lockClass: AdvisoryLockClass, ...parts: string[]): Promise<boolean> {
  const [id, key] = partsLock(lockClass, ...parts);
  const rows = await tx.$queryRawUnsafe<{ held: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${id}, ${key}) AS held`);
  return rows[0]?.held === true;
}
