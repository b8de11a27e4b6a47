import "server-only";
import { randomBytes } from "node:crypto";
import type { Agent, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { writeAudit, type Actor } from "../audit";
import { changeTransaction } from "../change-feed";
import { Unprocessable } from "../errors";
import { newSecret } from "../secrets";

export const DRILL_AGENT_NAME = "revocation-drill";
export const DRILL_AGENT_OWNER = "Operations (drills)";

export interface DrillTarget {
  server: string;
  tool: string;
}

/**
 * The call the drill makes: a read tool of an active catalogued server the environment may
 * reach (stdio only in development). The agent's current server is kept while it still fits,
 * so successive drills exercise the same call.
 */
export async function drillTarget(
  prisma: PrismaClient,
  environment: Environment,
  preferServer?: string,
): Promise<DrillTarget> {
  const servers = await prisma.server.findMany({
    where: { environment, status: "active", ...(environment === "development" ? {} : { transport: "remote_http" }) },
    include: { tools: { where: { action: "read" }, orderBy: { name: "asc" }, select: { name: true } } },
    orderBy: { name: "asc" },
  });
  const usable = servers.filter((s) => s.tools.length > 0);
  const chosen = usable.find((s) => s.name === preferServer) ?? usable[0];
  if (!chosen) {
    throw Unprocessable(
      `The drill needs one active server with a read tool in the ${environment} catalog, so that its agent has a real call to make. ` +
        `Add or reactivate one on the Servers page; the drill agent only ever gets read access to it.`,
      [],
      "drill-needs-read-tool",
    );
  }
  return { server: chosen.name, tool: chosen.tools[0].name };
}

export function drillScope(target: DrillTarget): string {
  return `mcp:${target.server}:read`;
}

/**
 * The environment's drill agent (Agent.drill = true), created on first use with one narrow read
 * scope. It has no usable client secret: the console issues its tokens itself.
 */
export async function ensureDrillAgent(
  prisma: PrismaClient,
  actor: Actor,
  environment: Environment,
  target: DrillTarget,
): Promise<Agent> {
  const scope = drillScope(target);
  return changeTransaction(prisma, async (tx, announce) => {
    const existing = await tx.agent.findFirst({ where: { environment, drill: true }, orderBy: { createdAt: "asc" } });
    if (!existing) {
      const taken = await tx.agent.findFirst({ where: { environment, name: DRILL_AGENT_NAME } });
      const agent = await tx.agent.create({
        data: {
          clientId: `agt_${environment.slice(0, 4)}_drill_${randomBytes(9).toString("base64url").replace(/[-_]/g, "x")}`,
          name: taken ? `${DRILL_AGENT_NAME}-${randomBytes(3).toString("hex")}` : DRILL_AGENT_NAME,
          environment,
          owner: DRILL_AGENT_OWNER,
          description:
            "Managed by the console for revoke-and-restore drills. It holds one read scope; the console issues its tokens itself.",
          scopes: [scope],
          // A secret nobody ever sees: the client-credentials grant is closed to this agent in practice.
          secretHash: newSecret("mgc_cs").hash,
          drill: true,
        },
      });
      await writeAudit(tx, {
        actor,
        action: "agent.create",
        target: { type: "agent", id: agent.id },
        environment,
        data: { client_id: agent.clientId, name: agent.name, scopes: agent.scopes, owner: agent.owner, drill: true },
      });
      return agent;
    }
    if (existing.scopes.length === 1 && existing.scopes[0] === scope) return existing;
    const agent = await tx.agent.update({ where: { id: existing.id }, data: { scopes: [scope] } });
    await announce({ kind: "agent", clientId: agent.clientId });
    await writeAudit(tx, {
      actor,
      action: "agent.update",
      target: { type: "agent", id: agent.id },
      environment,
      data: {
        client_id: agent.clientId,
        changes: { scopes: { from: existing.scopes, to: agent.scopes } },
        drill: true,
      },
    });
    return agent;
  });
}
