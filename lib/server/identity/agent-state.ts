import "server-only";
import type { Agent, IssuedToken, PrismaClient } from "@/lib/generated/prisma/client";

/** Revocation state may be cached, but never for longer than this (SPEC §8: effective for the next call). */
export const REVOCATION_CACHE_MS = 1_000;

export interface AgentState {
  agent: Pick<Agent, "id" | "clientId" | "name" | "owner" | "environment" | "scopes" | "status"> | null;
  token: Pick<IssuedToken, "agentId" | "revokedAt"> | null;
}

const cache = new Map<string, { at: number; state: AgentState }>();
const loading = new Map<string, Promise<AgentState>>();

/** The agent (by client id) and, for built-in tokens, the issued-token row (by jti), fresh to within 1 s. */
export async function agentState(
  prisma: PrismaClient,
  key: { clientId: string; jti: string | null },
): Promise<AgentState> {
  const cacheKey = `${key.clientId}\u0000${key.jti ?? ""}`;
  const now = Date.now();
  const hit = cache.get(cacheKey);
  if (hit && now - hit.at < REVOCATION_CACHE_MS) return hit.state;
  // One read per agent and token at a time: requests finding the entry stale together share it (it starts after they arrived, or within the same second).
  let load = loading.get(cacheKey);
  if (!load) {
    load = readState(prisma, key, cacheKey, now).finally(() => loading.delete(cacheKey));
    loading.set(cacheKey, load);
  }
  return load;
}

async function readState(
  prisma: PrismaClient,
  key: { clientId: string; jti: string | null },
  cacheKey: string,
  now: number,
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
  if (cache.size > 5_000) {
    for (const [k, v] of cache) if (now - v.at >= REVOCATION_CACHE_MS) cache.delete(k);
  }
  cache.set(cacheKey, { at: now, state });
  return state;
}

export function __resetAgentStateCacheForTests(): void {
  cache.clear();
  loading.clear();
}
