import type { AgentPrincipal } from "@/lib/server/identity/token-guard";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/server/audit";
import type { UserPrincipal } from "@/lib/server/principal";

let n = 0;

/** A real user row and the principal a handler would see for it. */
export async function makeUser(prisma: PrismaClient, role: Role): Promise<{ principal: UserPrincipal; actor: Actor }> {
  n += 1;
  const email = `${role}-${n}-${Date.now()}@example.com`;
  const user = await prisma.user.create({ data: { email, role, name: role } });
  return {
    principal: { userId: user.id, email, name: role, role, via: "session" },
    actor: { type: "user", id: user.id, label: email },
  };
}

/** What the token guard hands a handler for an agent row of production (a token valid ten more minutes). */
export function productionAgentPrincipal(row: {
  id: string;
  clientId: string;
  name: string;
  owner: string;
  scopes: string[];
}): AgentPrincipal {
  return {
    agentId: row.id,
    clientId: row.clientId,
    name: row.name,
    owner: row.owner,
    environment: "production",
    scopes: row.scopes,
    jti: null,
    tokenExpiresAt: new Date(Date.now() + 600_000),
    issuer: "test",
    resourceMetadataUrl: "http://x",
  };
}
