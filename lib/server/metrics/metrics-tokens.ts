import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { writeAudit, type Actor } from "../audit";
import { NotFound } from "../errors";
import { hashSecret, newSecret } from "../secrets";

/** Metrics tokens start with mgc_ like every console secret, so the agent API refuses them (docs/order-of-checks.md#1-authenticate). */
export const METRICS_TOKEN_PREFIX = "mgc_met";

const FIELDS = {
  id: true,
  name: true,
  prefix: true,
  environment: true,
  createdBy: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
} as const;

export async function listMetricsTokens(prisma: PrismaClient) {
  return prisma.metricsToken.findMany({ select: FIELDS, orderBy: { createdAt: "desc" } });
}

/** The token is returned once; only its SHA-256 is stored. */
export async function createMetricsToken(
  prisma: PrismaClient,
  actor: Actor,
  input: { name: string; environment?: Environment | null },
) {
  const secret = newSecret(METRICS_TOKEN_PREFIX);
  return prisma.$transaction(async (tx) => {
    const row = await tx.metricsToken.create({
      data: {
        name: input.name,
        prefix: secret.display,
        tokenHash: secret.hash,
        environment: input.environment ?? null,
        createdById: actor.id,
        createdBy: actor.label,
      },
      select: FIELDS,
    });
    await writeAudit(tx, {
      actor,
      action: "metrics_token.create",
      target: { type: "metrics_token", id: row.id },
      environment: row.environment,
      data: { name: row.name, prefix: row.prefix, environment: row.environment },
    });
    return { ...row, token: secret.token };
  });
}

export async function revokeMetricsToken(prisma: PrismaClient, actor: Actor, id: string) {
  return prisma.$transaction(async (tx) => {
    const token = await tx.metricsToken.findUnique({ where: { id } });
    if (!token) throw NotFound("The metrics token");
    if (token.revokedAt) return tx.metricsToken.findUniqueOrThrow({ where: { id }, select: FIELDS });
    const row = await tx.metricsToken.update({ where: { id }, data: { revokedAt: new Date() }, select: FIELDS });
    await writeAudit(tx, {
      actor,
      action: "metrics_token.revoke",
      target: { type: "metrics_token", id },
      environment: token.environment,
      data: { name: token.name, prefix: token.prefix },
    });
    return row;
  });
}

/** The live token with this secret, or null. Last use is recorded at most once a minute. */
export async function findMetricsToken(prisma: PrismaClient, secret: string) {
  const token = await prisma.metricsToken.findUnique({ where: { tokenHash: hashSecret(secret) } });
  if (!token || token.revokedAt) return null;
  if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
    await prisma.metricsToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
  }
  return token;
}
