import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { hitRateLimits, type RateLimitSlot, releaseRateLimits, resetRateLimit } from "./rate-limit";

export interface LoginLimits {
  lockWindowSec: number;
  perSourceAccount: number;
  perSource: number;
  slowDownWindowSec: number;
  perAccount: number;
}

/**
 * Password sign-in limits. Locks apply to the source (the client's address) that failed, so a
 * stranger cannot lock a known account out; the account itself only slows down, for seconds.
 */
export const LOGIN_LIMITS: Readonly<LoginLimits> = Object.freeze({
  /** Window of the per-source locks. */
  lockWindowSec: 15 * 60,
  /** Failed checks one source may make against one account per window before it is locked out of it. */
  perSourceAccount: 5,
  /** Failed checks one source may make against all accounts per window before it is locked out of all. */
  perSource: 30,
  /** Window of the account-wide slow-down. */
  slowDownWindowSec: 10,
  /** Failed checks against one account from all sources per slow-down window. */
  perAccount: 10,
});

export type LoginLimitScope = "source_account" | "source" | "account";

export type LoginSlots = Record<LoginLimitScope, RateLimitSlot>;

export type LoginReservation =
  | { ok: true; slots: LoginSlots }
  | { ok: false; scope: LoginLimitScope; retryAfterSec: number };

const maxOf = (limits: LoginLimits): Record<LoginLimitScope, number> => ({
  source_account: limits.perSourceAccount,
  source: limits.perSource,
  account: limits.perAccount,
});

export function loginLimitKeys(email: string, source: string): Record<LoginLimitScope, string> {
  return {
    source_account: `login:source-account:${source}:${email}`,
    source: `login:source:${source}`,
    account: `login:account:${email}`,
  };
}

/**
 * Counts a password check before it is made: each counter is checked and incremented in one
 * statement, so parallel attempts see distinct counts and at most the limit of them go on to the
 * password. A refused attempt takes its hits back: the counters count checks made, not requests.
 * The source's counters come first, so a locked-out source does not use up the account's budget.
 */
export async function reserveLoginAttempt(
  prisma: PrismaClient,
  email: string,
  source: string,
  limits: LoginLimits = LOGIN_LIMITS,
): Promise<LoginReservation> {
  const keys = loginLimitKeys(email, source);
  const max = maxOf(limits);
  const held = await hitRateLimits(prisma, [keys.source_account, keys.source], limits.lockWindowSec);
  const [sourceAccount, sourceAll] = held;
  const overSource = [
    { scope: "source_account" as const, slot: sourceAccount },
    { scope: "source" as const, slot: sourceAll },
  ].filter(({ scope, slot }) => slot.count > max[scope]);
  if (overSource.length > 0) {
    await releaseRateLimits(prisma, held);
    return {
      ok: false,
      scope: overSource[0].scope,
      retryAfterSec: Math.max(...overSource.map(({ slot }) => slot.resetInSec)),
    };
  }
  const [account] = await hitRateLimits(prisma, [keys.account], limits.slowDownWindowSec);
  if (account.count > max.account) {
    await releaseRateLimits(prisma, [...held, account]);
    return { ok: false, scope: "account", retryAfterSec: account.resetInSec };
  }
  return { ok: true, slots: { source_account: sourceAccount, source: sourceAll, account } };
}

/** The limits this failed check filled (the check that took the last allowed count), and until when they hold. */
export function limitsReachedBy(
  slots: LoginSlots,
  limits: LoginLimits = LOGIN_LIMITS,
): { scope: LoginLimitScope; until: Date }[] {
  const max = maxOf(limits);
  const windowSec = (scope: LoginLimitScope) => (scope === "account" ? limits.slowDownWindowSec : limits.lockWindowSec);
  return (Object.keys(max) as LoginLimitScope[])
    .filter((scope) => slots[scope].count === max[scope])
    .map((scope) => ({ scope, until: new Date(slots[scope].windowStart.getTime() + windowSec(scope) * 1000) }));
}

/** A correct password clears this source's failures on the account and takes back its other hits. */
export async function settleSuccessfulLogin(prisma: PrismaClient, slots: LoginSlots): Promise<void> {
  await resetRateLimit(prisma, slots.source_account.key);
  await releaseRateLimits(prisma, [slots.source, slots.account]);
}
