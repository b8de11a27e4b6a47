import "server-only";
import { randomInt } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isRole, type Role } from "@/lib/auth/permissions";
import { type Actor, writeAudit } from "../audit";
import type { UserPrincipal } from "../principal";
import { hitRateLimit } from "../rate-limit";
import { hashSecret } from "../secrets";

export const LINK_CODE_TTL_MIN = 10;
/** Wrong codes one Slack user may send per window before being told to wait. */
const LINK_ATTEMPTS = 5;
const LINK_WINDOW_SEC = 600;
// No 0/O, 1/I/L: people read the code from one screen and type it into another.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join("")}-${chars.slice(5).join("")}`;
}

function codeHash(code: string): string {
  return hashSecret(`slack-link:${code.trim().toUpperCase()}`);
}

/** The person's Slack mapping as their account page shows it. */
export async function slackLinkStatus(prisma: PrismaClient, userId: string) {
  const row = await prisma.slackIdentity.findUnique({ where: { userId } });
  return {
    linked: Boolean(row?.verifiedAt && row.slackUserId),
    slack_user_id: row?.verifiedAt ? row.slackUserId : null,
    verified_at: row?.verifiedAt ?? null,
    code_pending: Boolean(row?.codeHash && row.codeExpiresAt && row.codeExpiresAt > new Date()),
  };
}

/**
 * A one-time code (10 minutes) the person sends from Slack as `/approvals link CODE`: the signed
 * slash command proves the Slack account, the code proves the console account. Shown once.
 */
export async function startSlackLink(prisma: PrismaClient, principal: UserPrincipal, actor: Actor) {
  const code = newCode();
  const expiresAt = new Date(Date.now() + LINK_CODE_TTL_MIN * 60_000);
  await prisma.$transaction(async (tx) => {
    await tx.slackIdentity.upsert({
      where: { userId: principal.userId },
      create: { userId: principal.userId, codeHash: codeHash(code), codeExpiresAt: expiresAt },
      update: { codeHash: codeHash(code), codeExpiresAt: expiresAt },
    });
    await writeAudit(tx, { actor, action: "slack_link.code", target: { type: "user", id: principal.userId } });
  });
  return { code, expires_at: expiresAt, command: `/approvals link ${code}` };
}

export async function unlinkSlack(prisma: PrismaClient, principal: UserPrincipal, actor: Actor) {
  await prisma.$transaction(async (tx) => {
    const row = await tx.slackIdentity.findUnique({ where: { userId: principal.userId } });
    if (!row) return;
    await tx.slackIdentity.delete({ where: { userId: principal.userId } });
    await writeAudit(tx, {
      actor,
      action: "slack_link.remove",
      target: { type: "user", id: principal.userId },
      data: { slack_user_id: row.slackUserId },
    });
  });
}

/** `/approvals link CODE` from a verified Slack request: binds that Slack user to the code's console account. */
export async function completeSlackLink(
  prisma: PrismaClient,
  slack: { userId: string; teamId: string | null },
  code: string,
): Promise<string> {
  const limit = await hitRateLimit(prisma, `slack-link:${slack.userId}`, LINK_WINDOW_SEC);
  if (limit.count > LINK_ATTEMPTS)
    return `Too many attempts; try again in ${Math.ceil(limit.resetInSec / 60)} min with a new code.`;
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const row = await tx.slackIdentity.findUnique({ where: { codeHash: codeHash(code) } });
    if (!row?.codeExpiresAt || row.codeExpiresAt <= now)
      return "That code is not valid (codes work once, for 10 minutes). Get a new one on your console account page.";
    // One console account per Slack user: a previous mapping of this Slack user is replaced.
    await tx.slackIdentity.deleteMany({ where: { slackUserId: slack.userId, userId: { not: row.userId } } });
    await tx.slackIdentity.update({
      where: { userId: row.userId },
      data: {
        slackUserId: slack.userId,
        slackTeamId: slack.teamId,
        verifiedAt: now,
        codeHash: null,
        codeExpiresAt: null,
      },
    });
    const user = await tx.user.findUnique({ where: { id: row.userId }, select: { email: true } });
    await writeAudit(tx, {
      actor: { type: "user", id: row.userId, label: user?.email ?? row.userId },
      action: "slack_link.verified",
      target: { type: "user", id: row.userId },
      data: { slack_user_id: slack.userId, slack_team_id: slack.teamId },
    });
    return `Linked: your Slack account now answers approvals as ${user?.email ?? "your console account"}.`;
  });
}

/** The console person behind a Slack user: a verified mapping (same workspace), an enabled account, a role. */
export async function principalForSlackUser(
  prisma: PrismaClient,
  slack: { userId: string; teamId: string | null },
): Promise<UserPrincipal | null> {
  const row = await prisma.slackIdentity.findUnique({ where: { slackUserId: slack.userId } });
  if (!row?.verifiedAt) return null;
  if (row.slackTeamId && slack.teamId && row.slackTeamId !== slack.teamId) return null;
  const u = await prisma.user.findUnique({ where: { id: row.userId } });
  if (!u || u.disabled || !isRole(u.role)) return null;
  return { userId: u.id, email: u.email, name: u.name, role: u.role as Role, via: "session" };
}
