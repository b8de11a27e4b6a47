import "server-only";
import { processSingleton } from "../singleton";
import type { Agent, IssuedToken, PrismaClient } from "@/lib/generated/prisma/client";

/** Revocation state may be cached, but never for longer than this (docs/operations.md#revocation: effective for the next call). */
export const REVOCATION_CACHE_MS = 1_000;

export interface AgentState {
  agent: Pick<Agent, "id" | "clientId" | "name" | "owner" | "environment" | "scopes" | "status"> | null;
  token: Pick<IssuedToken, "agentId" | "revokedAt"> | null;
}

interface Store {
  cache: Map<string, { at: number; state: AgentState }>;
  loading: Map<string, Promise<AgentState>>;
  /** Bumped by every forget: a read that started before it may predate the change, so it is not kept. */
  generation: number;
}

// A revocation must reach the copy of this module that serves decisions.
const store = processSingleton<Store>("agentState", () => ({ cache: new Map(), loading: new Map(), generation: 0 }));

const keyPrefix = (clientId: string) => `${clientId}\u0000`;

/** The agent (by client id) and, for built-in tokens, the issued-token row (by jti), fresh to within 1 s. */
export async function agentState(
  prisma: PrismaClient,
  key: { clientId: string; jti: string | null },
): Promise<AgentState> {
  const cacheKey = keyPrefix(key.clientId) + (key.jti ?? "");
  const now = Date.now();
  const hit = store.cache.get(cacheKey);
  if (hit && now - hit.at < REVOCATION_CACHE_MS) return hit.state;
  // One read per agent and token at a time: requests finding the entry stale together share it (it starts after they arrived, or within the same second).
  let load = store.loading.get(cacheKey);
  if (!load) {
    const started = readState(prisma, key, cacheKey, now, store.generation).finally(() => {
      if (store.loading.get(cacheKey) === started) store.loading.delete(cacheKey);
    });
    store.loading.set(cacheKey, started);
    load = started;
  }
  return load;
}

async function readState(
  prisma: PrismaClient,
  key: { clientId: string; jti: string | null },
  cacheKey: string,
  now: number,
  generation: number,
): Promise<AgentState> {
  const [agent, token] = await Promise.all([
    prisma.agent.findUnique({
      where: { clientId: key.clientId },
      select: { id: true, clientId: true, name: true, owner: true, environment: true, scopes: true, status: true },
    }),
    key.jti
      ? prisma.issuedToken.findUnique({ where: { jti: key.jti }, select: { agentId: true, revokedAt: true } })
      : Promise.resolve(null),
  ]);
  const state = { agent, token };
  if (generation !== store.generation) return state;
  if (store.cache.size > 5_000) {
    for (const [k, v] of store.cache) if (now - v.at >= REVOCATION_CACHE_MS) store.cache.delete(k);
  }
  store.cache.set(cacheKey, { at: now, state });
  return state;
}

/**
 * Forgets what this process holds about one agent (its status, scopes and every token of it),
 * or about every agent: the next call reads the database. Reads already under way are answered
 * but not kept, and later calls do not wait on them.
 */
export function forgetAgentState(clientId?: string): void {
  store.generation++;
  if (clientId === undefined) {
    store.cache.clear();
    store.loading.clear();
    return;
  }
  const prefix = keyPrefix(clientId);
  for (const k of store.cache.keys()) if (k.startsWith(prefix)) store.cache.delete(k);
  for (const k of store.loading.keys()) if (k.startsWith(prefix)) store.loading.delete(k);
}

export function __resetAgentStateCacheForTests(): void {
  forgetAgentState();
}
