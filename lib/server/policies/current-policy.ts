import "server-only";
import { processSingleton } from "../singleton";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { compilePolicy, parsePolicy, type CompiledPolicy, type Environment } from "@/lib/policy";

export interface LoadedPolicy {
  snapshotId: string;
  version: number;
  hash: string;
  compiled: CompiledPolicy;
}

export type KillSwitch = "off" | "writes" | "all";

interface Entry {
  checkedAt: number;
  policy: LoadedPolicy | null;
  killSwitch: KillSwitch;
}

/** How stale the in-memory view of "which snapshot is current" may be, across processes. */
export const POLICY_REFRESH_MS = 1_000;

const entries = processSingleton("policyCache", () => new Map<Environment, Entry>());
const compiledById = processSingleton("compiled", () => new Map<string, LoadedPolicy>());
const loading = processSingleton("policyLoading", () => new Map<Environment, Promise<Entry>>());
const generations = processSingleton("policyGenerations", () => new Map<Environment, number>());

/**
 * The environment's current snapshot, compiled once and kept in memory. Which snapshot is
 * current is re-read at most every POLICY_REFRESH_MS, so a publish on any process takes
 * effect everywhere within a second (at once on the publishing process).
 */
export async function getCurrentPolicy(
  prisma: PrismaClient,
  environment: Environment,
  now = Date.now(),
): Promise<LoadedPolicy | null> {
  return (await environmentView(prisma, environment, now)).policy;
}

/**
 * What the enforcement path needs per environment: the compiled current policy and the kill
 * switch, re-read at most every POLICY_REFRESH_MS so a change on any process applies within a second.
 */
export async function environmentView(
  prisma: PrismaClient,
  environment: Environment,
  now = Date.now(),
): Promise<Entry> {
  const hit = entries.get(environment);
  if (hit && now - hit.checkedAt < POLICY_REFRESH_MS) return hit;
  // One read per environment at a time: the requests that find the entry stale together share it.
  let load: Promise<Entry> | undefined = loading.get(environment);
  if (!load) {
    const generation = generations.get(environment) ?? 0;
    const started: Promise<Entry> = loadEntry(prisma, environment, now).finally(() => {
      if (loading.get(environment) === started) loading.delete(environment);
    });
    loading.set(environment, started);
    load = started;
    void started.then(
      (entry: Entry) => {
        // A publish invalidated the cache meanwhile: this read may predate it, so it is not kept.
        if ((generations.get(environment) ?? 0) === generation) entries.set(environment, entry);
      },
      () => {},
    );
  }
  return load;
}

async function loadEntry(prisma: PrismaClient, environment: Environment, now: number): Promise<Entry> {
  const state = await prisma.environmentState.findUnique({
    where: { environment },
    select: { currentSnapshotId: true, killSwitch: true },
  });
  let policy: LoadedPolicy | null = null;
  if (state?.currentSnapshotId) {
    policy = compiledById.get(state.currentSnapshotId) ?? null;
    if (!policy) {
      const snap = await prisma.policySnapshot.findUniqueOrThrow({ where: { id: state.currentSnapshotId } });
      policy = loadSnapshot(snap);
      compiledById.set(snap.id, policy);
    }
  }
  const killSwitch: KillSwitch =
    state?.killSwitch === "writes" || state?.killSwitch === "all" ? state.killSwitch : "off";
  return { checkedAt: now, policy, killSwitch };
}

export function loadSnapshot(snap: { id: string; version: number; hash: string; source: string }): LoadedPolicy {
  const parsed = parsePolicy(snap.source);
  // A stored snapshot was valid when published; if the engine now refuses it, fail closed loudly.
  if (!parsed.ok) throw new Error(`policy snapshot ${snap.id} no longer parses`);
  return { snapshotId: snap.id, version: snap.version, hash: snap.hash, compiled: compilePolicy(parsed.policy) };
}

/** Forgets one environment's current policy and kill switch, or every environment's. */
export function invalidatePolicyCache(environment?: Environment): void {
  if (environment === undefined) {
    for (const e of new Set<Environment>([...entries.keys(), ...loading.keys()])) invalidatePolicyCache(e);
    return;
  }
  entries.delete(environment);
  loading.delete(environment);
  generations.set(environment, (generations.get(environment) ?? 0) + 1);
}
