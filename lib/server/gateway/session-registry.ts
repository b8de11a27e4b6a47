import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/policy";
import { recordAudit } from "../audit";
import type { AgentPrincipal } from "../identity/token-guard";
import { log } from "../log";
import type { GatewaySession } from "./session";

/** The most sessions one gateway process holds, all agents together. */
const MAX_SESSIONS = 5_000;

/** Whether a new session may open, or why not (a problem+json the gateway sends with Retry-After). */
export type Room = { ok: true } | { ok: false; status: number; type: string; detail: string; retryAfterSec: number };

/**
 * The gateway's sessions by id, with the places reserved for sessions being opened, the per-agent cap and the
 * sweeper that closes idle sessions.
 */
export class SessionRegistry {
  readonly sessions = new Map<string, GatewaySession>();
  /** Sessions being opened, per agent: they count towards the cap before they are registered. */
  private readonly opening = new Map<string, number>();
  /** Sessions chosen to be closed for a new one (their audit event is being written). */
  private readonly evicting = new WeakSet<GatewaySession>();
  private readonly sweepEveryMs: number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly idleMs: number,
    private readonly perAgent: number,
  ) {
    this.sweepEveryMs = Math.min(60_000, Math.max(1_000, Math.floor(idleMs / 4)));
    this.sweeper = setInterval(() => {
      const now = Date.now();
      for (const s of this.sessions.values()) if (!s.busy() && now - s.lastSeen > idleMs) void s.close();
    }, this.sweepEveryMs);
    this.sweeper.unref();
  }

  /** Ends the place `makeRoom` reserved for a session of this agent (once it is registered, or failed to open). */
  release(clientId: string): void {
    const left = (this.opening.get(clientId) ?? 1) - 1;
    if (left > 0) this.opening.set(clientId, left);
    else this.opening.delete(clientId);
  }

  /**
   * Room for one more session of this agent: at its cap, its least recently used idle session
   * (no request in flight; one without a listening GET stream first) is closed, logged and
   * audited. Refuses only when every one of its sessions is busy, or the gateway is full.
   */
  async makeRoom(
    prisma: PrismaClient,
    agent: AgentPrincipal,
    environment: Environment,
    serverName: string,
  ): Promise<Room> {
    const full = this.gatewayFull();
    if (full) return full;
    const mine = [...this.sessions.values()].filter((s) => s.clientId === agent.clientId && !this.evicting.has(s));
    if (mine.length + (this.opening.get(agent.clientId) ?? 0) < this.perAgent) {
      this.reserve(agent.clientId);
      return { ok: true };
    }
    const victim = mine
      .filter((s) => !s.busy())
      .sort((a, b) => Number(a.transport.listening) - Number(b.transport.listening) || a.lastSeen - b.lastSeen)[0];
    if (!victim) {
      return {
        ok: false,
        status: 429,
        type: "too-many-sessions",
        detail: `All ${mine.length} of this agent's gateway sessions have a request in flight; one is closed for a new session as soon as its requests end.`,
        retryAfterSec: 1,
      };
    }
    await this.evict(prisma, agent, victim, `${environment}/${serverName}`, environment);
    return { ok: true };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.allSettled([...this.sessions.values()].map((s) => s.close()));
  }

  private reserve(clientId: string): void {
    this.opening.set(clientId, (this.opening.get(clientId) ?? 0) + 1);
  }

  /** A refusal when the gateway holds all the sessions it can, with when to come back. */
  private gatewayFull(): Room | undefined {
    if (this.sessions.size + [...this.opening.values()].reduce((a, b) => a + b, 0) < MAX_SESSIONS) return undefined;
    // The sweeper frees the next idle session when its idle time runs out: that is when to come back.
    const now = Date.now();
    const idle = [...this.sessions.values()].filter((s) => !s.busy()).map((s) => s.lastSeen + this.idleMs);
    const next = Math.min(...idle);
    const waitMs = Number.isFinite(next) ? Math.max(0, next - now) + this.sweepEveryMs : this.sweepEveryMs;
    return {
      ok: false,
      status: 503,
      type: "gateway-full",
      detail: "The gateway holds as many sessions as it can.",
      retryAfterSec: Math.ceil(waitMs / 1000),
    };
  }

  /** Closes `victim` for a new session of the same agent; fails closed: only once the audit trail says so. */
  private async evict(
    prisma: PrismaClient,
    agent: AgentPrincipal,
    victim: GatewaySession,
    forServer: string,
    environment: Environment,
  ): Promise<void> {
    const idleSec = Math.round((Date.now() - victim.lastSeen) / 1000);
    this.evicting.add(victim);
    this.reserve(agent.clientId);
    try {
      await recordAudit(prisma, {
        actor: { type: "agent", id: agent.agentId, label: agent.clientId },
        action: "gateway.session_evicted",
        target: { type: "agent", id: agent.agentId },
        environment,
        data: {
          reason: "per_agent_session_cap",
          cap: this.perAgent,
          server: victim.key,
          idle_sec: idleSec,
          for_server: forServer,
        },
      });
    } catch (err) {
      this.evicting.delete(victim);
      this.release(agent.clientId);
      throw err;
    }
    log.info(
      { agent: agent.clientId, session_server: victim.key, idle_sec: idleSec, cap: this.perAgent },
      "gateway: closed the agent's least recently used idle session: it is at its session cap",
    );
    void victim.close();
  }
}
