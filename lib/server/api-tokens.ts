import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit, type Actor } from "./audit";
import { NotFound } from "./errors";
import { API_TOKEN_PREFIX, type UserPrincipal } from "./principal";
import { newSecret } from "./secrets";

const FIELDS = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true } as const;

export async function listApiTokens(prisma: PrismaClient, userId: string) {
  return prisma.apiToken.findMany({ where: { userId }, select: FIELDS, orderBy: { createdAt: "desc" } });
}

/** The token is returned once; only its hash is stored. */
export async function createApiToken(prisma: PrismaClient, principal: UserPrincipal, actor: Actor, name: string) {
  const secret = newSecret(API_TOKEN_PREFIX);
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: principal.userId, name, prefix: secret.display, tokenHash: secret.hash },
      select: FIELDS,
    });
    await writeAudit(tx, {
      actor,
      action: "api_token.create",
      target: { type: "api_token", id: row.id },
      data: { name, prefix: secret.display },
    });
    return { ...row, token: secret.token };
  });
}

/** Users revoke their own tokens; an admin may revoke anyone's. */
export async function revokeApiToken(prisma: PrismaClient, principal: UserPrincipal, actor: Actor, id: string) {
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id } });
    if (!token || (token.userId !== principal.userId && principal.role !== "admin")) throw NotFound("The API token");
    if (token.revokedAt) return tx.apiToken.findUniqueOrThrow({ where: { id }, select: FIELDS });
    const row = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() }, select: FIELDS });
    await writeAudit(tx, {
      actor,
      action: "api_token.revoke",
      target: { type: "api_token", id },
      data: { name: token.name, owner: token.userId },
    });
    return row;
  });
}
