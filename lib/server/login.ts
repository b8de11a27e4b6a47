import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { UNKNOWN_SOURCE } from "@/lib/net/client-address";
import { recordAudit, writeAudit } from "./audit";
import {
  LOGIN_LIMITS,
  type LoginLimits,
  limitsReachedBy,
  reserveLoginAttempt,
  settleSuccessfulLogin,
} from "./login-limits";
import { verifyPassword } from "./password";

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string; role: string } }
  | { ok: false; reason: "invalid" | "locked"; retryAfterSec?: number };

/**
 * Password sign-in from `source` (the client's address, lib/net/client-address.ts). Unknown user,
 * wrong password and disabled account answer alike (and cost alike). The attempt is counted before
 * the password is checked; over a limit (lib/server/login-limits.ts) it is refused unchecked, with
 * the seconds until it may be retried.
 */
export async function attemptLogin(
  prisma: PrismaClient,
  rawEmail: string,
  password: string,
  source: string = UNKNOWN_SOURCE,
  limits: LoginLimits = LOGIN_LIMITS,
): Promise<LoginResult> {
  const email = rawEmail.trim().toLowerCase();
  const anon = { type: "anonymous" as const, id: null, label: email.slice(0, 200) };
  const reservation = await reserveLoginAttempt(prisma, email, source, limits);
  if (!reservation.ok) {
    const { scope, retryAfterSec } = reservation;
    await recordAudit(prisma, {
      actor: anon,
      action: "auth.login_refused_locked",
      data: { email, source, scope, retryAfterSec },
    });
    return { ok: false, reason: "locked", retryAfterSec };
  }
  const { slots } = reservation;
  const user = await prisma.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!valid || !user || user.disabled) {
    await recordAudit(
      prisma,
      { actor: anon, action: "auth.login_failed", data: { email, source, failures: slots.source_account.count } },
      ...limitsReachedBy(slots, limits).map(({ scope, until }) => ({
        actor: anon,
        // A source is locked out; an account is only slowed down, for seconds, whatever the source.
        action: scope === "account" ? "auth.throttled" : "auth.locked",
        data: { email, source, scope, until: until.toISOString() },
      })),
    );
    return { ok: false, reason: "invalid" };
  }
  await settleSuccessfulLogin(prisma, slots);
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await writeAudit(tx, {
      actor: { type: "user", id: user.id, label: user.email },
      action: "auth.login",
      target: { type: "user", id: user.id },
    });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/**
 * Sign-in through the external OIDC provider: the verified e-mail names the console user. An
 * unknown e-mail gets an account only when OIDC_DEFAULT_ROLE is set; disabled users never pass.
 */
export async function oidcLogin(
  prisma: PrismaClient,
  rawEmail: string | null | undefined,
  emailVerified: unknown,
  name: string,
  defaultRole: string | undefined,
): Promise<LoginResult> {
  const email = (rawEmail ?? "").trim().toLowerCase();
  const anon = { type: "anonymous" as const, id: null, label: email.slice(0, 200) || "(no e-mail)" };
  if (!email || emailVerified === false) {
    await recordAudit(prisma, {
      actor: anon,
      action: "auth.login_failed",
      data: { email, via: "oidc", reason: "no verified e-mail" },
    });
    return { ok: false, reason: "invalid" };
  }
  const user = await prisma.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing || !defaultRole) return existing;
    const created = await tx.user.create({ data: { email, name, role: defaultRole as "viewer" } });
    await writeAudit(tx, {
      actor: { type: "system", id: null, label: "oidc" },
      action: "user.create",
      target: { type: "user", id: created.id },
      data: { email, role: defaultRole, via: "oidc" },
    });
    return created;
  });
  if (!user || user.disabled) {
    await recordAudit(prisma, {
      actor: anon,
      action: "auth.login_failed",
      data: { email, via: "oidc", reason: user ? "disabled" : "no account" },
    });
    return { ok: false, reason: "invalid" };
  }
  await prisma.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await writeAudit(tx, {
      actor: { type: "user", id: user.id, label: user.email },
      action: "auth.login",
      target: { type: "user", id: user.id },
      data: { via: "oidc" },
    });
  });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
