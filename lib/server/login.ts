import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit, writeAudit } from "./audit";
import { verifyPassword } from "./password";
import { hitRateLimit, peekRateLimit, resetRateLimit } from "./rate-limit";

export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_SEC = 15 * 60;

export type LoginResult =
  | { ok: true; user: { id: string; email: string; name: string; role: string } }
  | { ok: false; reason: "invalid" | "locked"; retryAfterSec?: number };

/**
 * Password sign-in. Unknown user, wrong password and disabled account answer alike
 * (and cost alike); failures are counted per e-mail address in the database and
 * lock that address for the rest of the window.
 */
export async function attemptLogin(prisma: PrismaClient, rawEmail: string, password: string): Promise<LoginResult> {
  const email = rawEmail.trim().toLowerCase();
  const key = `login:${email}`;
  const anon = { type: "anonymous" as const, id: null, label: email.slice(0, 200) };
  const before = await peekRateLimit(prisma, key, LOGIN_WINDOW_SEC);
  if (before.count >= LOGIN_MAX_FAILURES) {
    await recordAudit(prisma, { actor: anon, action: "auth.login_refused_locked", data: { email } });
    return { ok: false, reason: "locked", retryAfterSec: before.resetInSec };
  }
  const user = await prisma.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!valid || !user || user.disabled) {
    const after = await hitRateLimit(prisma, key, LOGIN_WINDOW_SEC);
    await recordAudit(
      prisma,
      { actor: anon, action: "auth.login_failed", data: { email, failures: after.count } },
      ...(after.count === LOGIN_MAX_FAILURES
        ? [{ actor: anon, action: "auth.locked", data: { email, minutes: LOGIN_WINDOW_SEC / 60 } }]
        : []),
    );
    return { ok: false, reason: "invalid" };
  }
  await resetRateLimit(prisma, key);
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
