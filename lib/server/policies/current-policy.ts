import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { compilePolicy, parsePolicy, type CompiledPolicy, type Environment } from "@/lib/policy";

export interface LoadedPolicy {
  snapshotId: string;
  version: number;
  hash: string;
  compiled: CompiledPolicy;
}

interface Entry {
  checkedAt: number;
  policy: LoadedPolicy | null;
}

/** How stale the in-memory view of "which snapshot is current" may be, across processes. */
export const POLICY_REFRESH_MS = 1_000;

const store = globalThis as unknown as { __policyCache?: Map<Environment, Entry>; __compiled?: Map<string, LoadedPolicy> };
const entries = (store.__policyCache ??= new Map());
const compiledById = (store.__compiled ??= new Map());

/**
 * The environment's current snapshot, compiled once and kept in memory. Which snapshot is
 * current is re-read at most every POLICY_REFRESH_MS, so a publish on any process takes
 * effect everywhere within a second (at once on the publishing process).
 */
export async function getCurrentPolicy(prisma: PrismaClient, environment: Environment, now = Date.now()): Promise<LoadedPolicy | null> {
  const hit = entries.get(environment);
  if (hit && now - hit.checkedAt < POLICY_REFRESH_MS) return hit.policy;
  const state = await prisma.environmentState.findUnique({ where: { environment }, select: { currentSnapshotId: true } });
  let policy: LoadedPolicy | null = null;
  if (state?.currentSnapshotId) {
    policy = compiledById.get(state.currentSnapshotId) ?? null;
    if (!policy) {
      const snap = await prisma.policySnapshot.findUniqueOrThrow({ where: { id: state.currentSnapshotId } });
      policy = loadSnapshot(snap);
      compiledById.set(snap.id, policy);
    }
  }
  entries.set(environment, { checkedAt: now, policy });
  return policy;
}

export function loadSnapshot(snap: { id: string; version: number; hash: string; source: string }): LoadedPolicy {
  const parsed = parsePolicy(snap.source);
  // A stored snapshot was valid when published; if the engine now refuses it, fail closed loudly.
  if (!parsed.ok) throw new Error(`policy snapshot ${snap.id} no longer parses`);
  return { snapshotId: snap.id, version: snap.version, hash: snap.hash, compiled: compilePolicy(parsed.policy) };
}

export function invalidatePolicyCache(environment: Environment): void {
  entries.delete(environment);
}
