import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit, type Actor } from "../audit";
import { changeTransaction } from "../change-feed";
import { Conflict, NotFound } from "../errors";
import { killSwitches } from "./kill-switch";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Stops trusting an external identity provider: every token it signed is refused on the next
 * call (on other processes once they hear the announcement; they re-read the list every second regardless).
 */
export async function revokeIssuer(prisma: PrismaClient, actor: Actor, id: string, reason: string) {
  return setIssuerStatus(prisma, actor, id, "revoked", reason);
}

/** Trusts a revoked (or disabled) issuer again. */
export async function restoreIssuer(prisma: PrismaClient, actor: Actor, id: string, reason: string) {
  return setIssuerStatus(prisma, actor, id, "active", reason);
}

async function setIssuerStatus(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  status: "revoked" | "active",
  reason: string,
) {
  return changeTransaction(prisma, async (tx, announce) => {
    const [before] = await tx.$queryRaw<
      { status: string; issuer: string }[]
    >`SELECT status, issuer FROM trusted_issuers WHERE id = ${id}::uuid FOR UPDATE`;
    if (!before) throw NotFound("The trusted issuer");
    if (before.status === status)
      throw Conflict(`The issuer is already ${status}.`, status === "active" ? "already-active" : "already-revoked");
    const row = await tx.trustedIssuer.update({ where: { id }, data: { status } });
    await announce({ kind: "trusted_issuers" });
    await writeAudit(tx, {
      actor,
      action: status === "revoked" ? "trusted_issuer.revoke" : "trusted_issuer.restore",
      target: { type: "trusted_issuer", id },
      data: { issuer: row.issuer, from: before.status, to: status, reason },
    });
    return { id: row.id, name: row.name, issuer: row.issuer, status: row.status };
  });
}

/**
 * A token by its jti, or by the id of a decision made with it (decisions store the token's
 * jti), so an operator can go from an audit row straight to revoking what made the call.
 */
export async function lookupToken(prisma: PrismaClient, q: string) {
  const needle = q.trim();
  let via: "jti" | "decision" = "jti";
  let decision: {
    id: string;
    at: string;
    environment: string;
    server: string;
    tool: string;
    outcome: string;
    reason: string;
  } | null = null;
  let token = await prisma.issuedToken.findUnique({ where: { jti: needle } });
  let jti = needle;
  if (!token && UUID.test(needle)) {
    const d = await prisma.decisionRecord.findUnique({
      where: { id: needle },
      select: {
        id: true,
        at: true,
        environment: true,
        server: true,
        tool: true,
        outcome: true,
        reason: true,
        tokenJti: true,
        clientId: true,
      },
    });
    if (d) {
      via = "decision";
      decision = {
        id: d.id,
        at: d.at.toISOString(),
        environment: d.environment,
        server: d.server,
        tool: d.tool,
        outcome: d.outcome,
        reason: d.reason,
      };
      if (!d.tokenJti) throw NotFound(`Decision ${d.id} carries no token id`);
      jti = d.tokenJti;
      token = await prisma.issuedToken.findUnique({ where: { jti } });
      if (!token) {
        return {
          found_via: via,
          decision,
          token: null,
          external: {
            jti,
            client_id: d.clientId,
            note: "This token was not issued by the console (an external issuer): revoke the agent or the issuer instead.",
          },
        };
      }
    }
  }
  if (!token) throw NotFound("A token or decision with that id");
  const agent = await prisma.agent.findUnique({
    where: { id: token.agentId },
    select: { id: true, name: true, environment: true, status: true, drill: true },
  });
  const now = Date.now();
  return {
    found_via: via,
    decision,
    token: {
      jti: token.jti,
      client_id: token.clientId,
      scope: token.scope,
      issued_at: token.issuedAt.toISOString(),
      expires_at: token.expiresAt.toISOString(),
      expired: token.expiresAt.getTime() <= now,
      revoked_at: token.revokedAt?.toISOString() ?? null,
      revoked_reason: token.revokedReason,
      agent,
    },
    external: null,
  };
}

/** What is switched off right now: kill switches, revoked agents, suspended servers, distrusted issuers, revoked live tokens. */
export async function currentRevocations(prisma: PrismaClient) {
  const now = new Date();
  const [switches, agents, servers, issuers, tokens] = await Promise.all([
    killSwitches(prisma),
    prisma.agent.findMany({
      where: { status: { in: ["revoked", "disabled"] } },
      orderBy: { updatedAt: "desc" },
      take: 200,
    }),
    prisma.server.findMany({ where: { status: "suspended" }, orderBy: { updatedAt: "desc" }, take: 200 }),
    prisma.trustedIssuer.findMany({ where: { status: { not: "active" } }, orderBy: { updatedAt: "desc" } }),
    prisma.issuedToken.findMany({
      where: { revokedAt: { not: null }, expiresAt: { gt: now } },
      orderBy: { revokedAt: "desc" },
      take: 200,
    }),
  ]);
  // Tokens revoked one by one matter here; those of a revoked agent are listed under it, and drill tokens are rehearsal.
  const owners = await prisma.agent.findMany({
    where: { id: { in: [...new Set(tokens.map((t) => t.agentId))] } },
    select: { id: true, status: true, drill: true },
  });
  const liveAgents = new Set(owners.filter((a) => a.status === "active" && !a.drill).map((a) => a.id));
  return {
    kill_switches: switches.filter((s) => s.mode !== "off"),
    agents: agents.map((a) => ({
      id: a.id,
      name: a.name,
      client_id: a.clientId,
      environment: a.environment,
      status: a.status,
      reason: a.statusReason,
      since: a.updatedAt.toISOString(),
      drill: a.drill,
    })),
    servers: servers.map((s) => ({
      id: s.id,
      name: s.name,
      environment: s.environment,
      reason: s.statusReason,
      since: s.updatedAt.toISOString(),
    })),
    issuers: issuers.map((i) => ({
      id: i.id,
      name: i.name,
      issuer: i.issuer,
      status: i.status,
      since: i.updatedAt.toISOString(),
    })),
    tokens: tokens
      .filter((t) => liveAgents.has(t.agentId))
      .slice(0, 50)
      .map((t) => ({
        jti: t.jti,
        client_id: t.clientId,
        revoked_at: t.revokedAt!.toISOString(),
        reason: t.revokedReason,
        expires_at: t.expiresAt.toISOString(),
      })),
  };
}

/** Targets an operator can pick from when revoking. */
export async function revocationTargets(prisma: PrismaClient) {
  const [agents, servers, issuers] = await Promise.all([
    prisma.agent.findMany({
      where: { status: "active" },
      orderBy: [{ environment: "asc" }, { name: "asc" }],
      select: { id: true, name: true, clientId: true, environment: true, drill: true },
      take: 1000,
    }),
    prisma.server.findMany({
      where: { status: "active" },
      orderBy: [{ environment: "asc" }, { name: "asc" }],
      select: { id: true, name: true, environment: true },
      take: 1000,
    }),
    prisma.trustedIssuer.findMany({
      where: { status: "active" },
      orderBy: { name: "asc" },
      select: { id: true, name: true, issuer: true },
    }),
  ]);
  return {
    agents: agents.map((a) => ({
      id: a.id,
      name: a.name,
      client_id: a.clientId,
      environment: a.environment,
      drill: a.drill,
    })),
    servers,
    issuers,
  };
}
