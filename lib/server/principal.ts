import "server-only";
import { decode } from "next-auth/jwt";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isRole, type Role } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { authSecret } from "./auth-secret";
import { hashSecret } from "./secrets";

export const API_TOKEN_PREFIX = "mgc_pat";

export interface UserPrincipal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  via: "session" | "api_token" | "oauth";
  tokenId?: string;
}

export function sessionCookieName(): string {
  return env().PUBLIC_URL.startsWith("https://") ? "__Secure-next-auth.session-token" : "next-auth.session-token";
}

export function readCookie(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export type PrincipalResult =
  | { ok: true; principal: UserPrincipal }
  | { ok: false; reason: "missing" | "invalid_token" | "invalid_session" | "disabled" };

/**
 * Who is calling a console handler: a personal API token in `Authorization: Bearer`,
 * else the next-auth session cookie. Role and status always come fresh from the database.
 */
export async function resolvePrincipal(prisma: PrismaClient, headers: Headers): Promise<PrincipalResult> {
  const authz = headers.get("authorization");
  if (authz) {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authz);
    if (!match?.[1].startsWith(`${API_TOKEN_PREFIX}_`)) return { ok: false, reason: "invalid_token" };
    const token = await prisma.apiToken.findUnique({
      where: { tokenHash: hashSecret(match[1]) },
      include: { user: true },
    });
    if (!token || token.revokedAt) return { ok: false, reason: "invalid_token" };
    if (token.user.disabled || !isRole(token.user.role)) return { ok: false, reason: "disabled" };
    if (!token.lastUsedAt || Date.now() - token.lastUsedAt.getTime() > 60_000) {
      await prisma.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: new Date() } });
    }
    const u = token.user;
    return {
      ok: true,
      principal: {
        userId: u.id,
        email: u.email,
        name: u.name,
        role: u.role as Role,
        via: "api_token",
        tokenId: token.id,
      },
    };
  }
  const raw = readCookie(headers.get("cookie"), sessionCookieName());
  if (!raw) return { ok: false, reason: "missing" };
  const jwt = await decode({ token: raw, secret: authSecret() }).catch(() => null);
  const uid = jwt && typeof jwt.uid === "string" ? jwt.uid : undefined;
  if (!uid) return { ok: false, reason: "invalid_session" };
  const u = await prisma.user.findUnique({ where: { id: uid } });
  if (!u) return { ok: false, reason: "invalid_session" };
  if (u.disabled || !isRole(u.role)) return { ok: false, reason: "disabled" };
  return { ok: true, principal: { userId: u.id, email: u.email, name: u.name, role: u.role as Role, via: "session" } };
}
