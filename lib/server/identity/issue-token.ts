import "server-only";
import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { Agent, PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { writeAudit } from "../audit";
import { activeSigningKey, MAX_TOKEN_TTL_SEC, SIGNING_ALG } from "./signing-keys";

export const ACCESS_TOKEN_TYP = "at+jwt";

export interface IssuedAccessToken {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  scope: string;
  jti: string;
}

/** The audiences a token for `resource` carries: the resource (or PUBLIC_URL) plus the configured extras. */
export function tokenAudience(resource: string | undefined): string[] {
  const e = env();
  return [...new Set([resource ?? e.PUBLIC_URL, ...e.TOKEN_EXTRA_AUDIENCES])];
}

/**
 * Signs an RFC 9068 access token (ES256, `typ: at+jwt`) for an authenticated agent and records
 * it (IssuedToken + audit event) in one transaction, so it can be revoked by `jti`.
 */
export async function issueAccessToken(
  prisma: PrismaClient,
  agent: Agent,
  opts: { scopes: string[]; resource?: string; ttlSec?: number },
): Promise<IssuedAccessToken> {
  const e = env();
  const ttl = Math.min(opts.ttlSec ?? e.TOKEN_TTL_SEC, MAX_TOKEN_TTL_SEC);
  const key = await activeSigningKey(prisma);
  const jti = randomUUID();
  const iat = Math.floor(Date.now() / 1000);
  const aud = tokenAudience(opts.resource);
  const scope = opts.scopes.join(" ");
  const accessToken = await new SignJWT({ scope, env: agent.environment, client_id: agent.clientId })
    .setProtectedHeader({ alg: SIGNING_ALG, typ: ACCESS_TOKEN_TYP, kid: key.kid })
    .setIssuer(e.PUBLIC_URL)
    .setSubject(agent.clientId)
    .setAudience(aud)
    .setJti(jti)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .sign(key.privateKey);
  await prisma.$transaction(async (tx) => {
    await tx.issuedToken.create({
      data: {
        jti,
        agentId: agent.id,
        clientId: agent.clientId,
        scope,
        audience: aud,
        issuedAt: new Date(iat * 1000),
        expiresAt: new Date((iat + ttl) * 1000),
      },
    });
    await writeAudit(tx, {
      actor: { type: "agent", id: agent.id, label: agent.clientId },
      action: "token.issue",
      target: { type: "token", id: jti },
      environment: agent.environment,
      data: { client_id: agent.clientId, scope, audience: aud, expires_in: ttl, kid: key.kid },
    });
  });
  return { access_token: accessToken, token_type: "Bearer", expires_in: ttl, scope, jti };
}
