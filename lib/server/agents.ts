import "server-only";
import { randomBytes } from "node:crypto";
import type { Agent, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { CreateAgentInput, UpdateAgentInput } from "@/lib/schemas/identity";
import { writeAudit, type Actor, type Tx } from "./audit";
import { changeTransaction } from "./change-feed";
import { Conflict, NotFound } from "./errors";
import { newSecret } from "./secrets";

export const CLIENT_SECRET_PREFIX = "mgc_cs";
export type AgentStatus = "active" | "disabled" | "revoked";

export interface AgentView {
  id: string;
  client_id: string;
  name: string;
  environment: Environment;
  owner: string;
  description: string;
  scopes: string[];
  status: AgentStatus;
  status_reason: string | null;
  drill: boolean;
  created_at: string;
  secret_rotated_at: string | null;
}

export function agentView(a: Agent): AgentView {
  return {
    id: a.id,
    client_id: a.clientId,
    name: a.name,
    environment: a.environment,
    owner: a.owner,
    description: a.description,
    scopes: a.scopes,
    status: a.status as AgentStatus,
    status_reason: a.statusReason,
    drill: a.drill,
    created_at: a.createdAt.toISOString(),
    secret_rotated_at: a.secretRotatedAt?.toISOString() ?? null,
  };
}

function newClientId(environment: Environment): string {
  return `agt_${environment.slice(0, 4)}_${randomBytes(12).toString("base64url").replace(/[-_]/g, "x")}`;
}

export async function listAgents(
  prisma: PrismaClient,
  filter: { environment?: Environment; status?: AgentStatus } = {},
) {
  const rows = await prisma.agent.findMany({ where: filter, orderBy: [{ environment: "asc" }, { name: "asc" }] });
  return rows.map(agentView);
}

export async function getAgent(prisma: PrismaClient, id: string) {
  const agent = await prisma.agent.findUnique({ where: { id } });
  if (!agent) throw NotFound("The agent");
  const tokens = await prisma.issuedToken.findMany({ where: { agentId: id }, orderBy: { issuedAt: "desc" }, take: 20 });
  return {
    ...agentView(agent),
    recent_tokens: tokens.map((t) => ({
      jti: t.jti,
      scope: t.scope,
      audience: t.audience,
      issued_at: t.issuedAt.toISOString(),
      expires_at: t.expiresAt.toISOString(),
      revoked_at: t.revokedAt?.toISOString() ?? null,
    })),
  };
}

/** The client secret is returned once; only its hash is stored. */
export async function createAgent(
  prisma: PrismaClient,
  actor: Actor,
  input: CreateAgentInput,
  ownerUserId: string | null,
) {
  const secret = newSecret(CLIENT_SECRET_PREFIX);
  return prisma.$transaction(async (tx) => {
    if (await tx.agent.findFirst({ where: { environment: input.environment, name: input.name } })) {
      throw Conflict(`An agent named ${input.name} exists in ${input.environment}.`, "already-exists");
    }
    if (input.client_id && (await tx.agent.findUnique({ where: { clientId: input.client_id } }))) {
      throw Conflict(`An agent with client id ${input.client_id} exists.`, "already-exists");
    }
    const agent = await tx.agent.create({
      data: {
        clientId: input.client_id ?? newClientId(input.environment),
        name: input.name,
        environment: input.environment,
        owner: input.owner,
        ownerUserId,
        description: input.description,
        scopes: input.scopes,
        secretHash: secret.hash,
      },
    });
    await writeAudit(tx, {
      actor,
      action: "agent.create",
      target: { type: "agent", id: agent.id },
      environment: agent.environment,
      data: { client_id: agent.clientId, name: agent.name, scopes: agent.scopes, owner: agent.owner },
    });
    return { ...agentView(agent), client_secret: secret.token };
  });
}

async function lockAgent(tx: Tx, id: string): Promise<Agent> {
  const agent = await tx.agent.findUnique({ where: { id } });
  if (!agent) throw NotFound("The agent");
  return agent;
}

/** Scope (and other) changes apply to the agent's next call on every process (announced on commit). */
export async function updateAgent(prisma: PrismaClient, actor: Actor, id: string, input: UpdateAgentInput) {
  return changeTransaction(prisma, async (tx, announce) => {
    const before = await lockAgent(tx, id);
    const agent = await tx.agent.update({ where: { id }, data: input });
    await announce({ kind: "agent", clientId: agent.clientId });
    const changes: Record<string, unknown> = {};
    for (const key of Object.keys(input) as (keyof UpdateAgentInput)[]) {
      if (JSON.stringify(before[key]) !== JSON.stringify(agent[key]))
        changes[key] = { from: before[key], to: agent[key] };
    }
    await writeAudit(tx, {
      actor,
      action: "agent.update",
      target: { type: "agent", id },
      environment: agent.environment,
      data: { client_id: agent.clientId, changes },
    });
    return agentView(agent);
  });
}

/** A new secret replaces the old one at once; tokens already issued stay valid until they expire. */
export async function rotateAgentSecret(prisma: PrismaClient, actor: Actor, id: string) {
  const secret = newSecret(CLIENT_SECRET_PREFIX);
  return prisma.$transaction(async (tx) => {
    await lockAgent(tx, id);
    const agent = await tx.agent.update({
      where: { id },
      data: { secretHash: secret.hash, secretRotatedAt: new Date() },
    });
    await writeAudit(tx, {
      actor,
      action: "agent.rotate_secret",
      target: { type: "agent", id },
      environment: agent.environment,
      data: { client_id: agent.clientId },
    });
    return { ...agentView(agent), client_secret: secret.token };
  });
}

const STATUS_ACTIONS: Record<AgentStatus, string> = {
  active: "agent.enable",
  disabled: "agent.disable",
  revoked: "agent.revoke",
};

/**
 * Disable (reversible pause) or revoke (also revokes every unexpired token) an agent, or make
 * it active again: effective on the agent's next call, on this process at once and on the
 * others when they hear the announcement (the token guard re-reads every second regardless).
 */
export async function setAgentStatus(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  status: AgentStatus,
  reason?: string,
) {
  return changeTransaction(prisma, async (tx, announce) => {
    const before = await lockAgent(tx, id);
    const agent = await tx.agent.update({ where: { id }, data: { status, statusReason: reason ?? null } });
    await announce({ kind: "agent", clientId: agent.clientId });
    let revokedTokens = 0;
    if (status === "revoked") {
      const now = new Date();
      const res = await tx.issuedToken.updateMany({
        where: { agentId: id, revokedAt: null, expiresAt: { gt: now } },
        data: { revokedAt: now, revokedReason: reason ?? "agent revoked" },
      });
      revokedTokens = res.count;
    }
    const action = status === "active" && before.status === "revoked" ? "agent.restore" : STATUS_ACTIONS[status];
    await writeAudit(tx, {
      actor,
      action,
      target: { type: "agent", id },
      environment: agent.environment,
      data: {
        client_id: agent.clientId,
        from: before.status,
        to: status,
        reason: reason ?? null,
        revoked_tokens: revokedTokens,
      },
    });
    return agentView(agent);
  });
}

/** Revokes one access token by its jti (effective on the next call, as agent changes are). */
export async function revokeIssuedToken(prisma: PrismaClient, actor: Actor, jti: string, reason: string) {
  return changeTransaction(prisma, async (tx, announce) => {
    const token = await tx.issuedToken.findUnique({ where: { jti } });
    if (!token) throw NotFound("The token");
    if (!token.revokedAt) {
      await tx.issuedToken.update({ where: { jti }, data: { revokedAt: new Date(), revokedReason: reason } });
      await announce({ kind: "agent", clientId: token.clientId });
      await writeAudit(tx, {
        actor,
        action: "token.revoke",
        target: { type: "token", id: jti },
        data: { client_id: token.clientId, reason },
      });
    }
    return { jti, revoked: true };
  });
}
