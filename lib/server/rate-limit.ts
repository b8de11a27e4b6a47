import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** One counter after a hit: its count (this hit included), its window and the seconds until that window ends. */
export interface RateLimitSlot {
  key: string;
  count: number;
  windowStart: Date;
  resetInSec: number;
}

/**
 * Fixed-window counters in the database, so every console process sees the same count.
 * Counts one hit on every key, checking and incrementing each in the same statement (so parallel
 * callers each see a distinct count), and returns the counts after this hit, in the keys' order.
 */
export async function hitRateLimits(prisma: PrismaClient, keys: string[], windowSec: number): Promise<RateLimitSlot[]> {
  // Rows are locked in key order, so two callers hitting overlapping keys cannot deadlock.
  const sorted = [...new Set(keys)].sort();
  const values = sorted.map((_, i) => `($${i + 2}, now(), 1)`).join(", ");
  const rows = await prisma.$queryRawUnsafe<{ key: string; count: number; windowStart: Date }[]>(
    `INSERT INTO rate_limit_buckets (key, "windowStart", count) VALUES ${values}
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limit_buckets."windowStart" < now() - make_interval(secs => $1) THEN 1 ELSE rate_limit_buckets.count + 1 END,
       "windowStart" = CASE WHEN rate_limit_buckets."windowStart" < now() - make_interval(secs => $1) THEN now() ELSE rate_limit_buckets."windowStart" END
     RETURNING key, count, "windowStart"`,
    windowSec,
    ...sorted,
  );
  const byKey = new Map(rows.map((row) => [row.key, { key: row.key, ...toResult(row, windowSec) }]));
  return keys.map((key) => byKey.get(key)!);
}

/** Returns the count after this hit and the seconds until the window resets. */
export async function hitRateLimit(
  prisma: PrismaClient,
  key: string,
  windowSec: number,
): Promise<{ count: number; resetInSec: number }> {
  const [slot] = await hitRateLimits(prisma, [key], windowSec);
  return { count: slot.count, resetInSec: slot.resetInSec };
}

/**
 * Takes hits back (an attempt that was refused, or that succeeded), each only while its window
 * is still the one it was counted in. One row per statement: no lock is held while waiting for another.
 */
export async function releaseRateLimits(prisma: PrismaClient, slots: RateLimitSlot[]): Promise<void> {
  for (const slot of slots)
    await prisma.$executeRawUnsafe(
      `UPDATE rate_limit_buckets SET count = count - 1 WHERE key = $1 AND "windowStart" = $2::timestamptz AND count > 0`,
      slot.key,
      slot.windowStart.toISOString(),
    );
}

export async function peekRateLimit(
  prisma: PrismaClient,
  key: string,
  windowSec: number,
): Promise<{ count: number; resetInSec: number }> {
  const row = await prisma.rateLimitBucket.findUnique({ where: { key } });
  if (!row || row.windowStart.getTime() < Date.now() - windowSec * 1000) return { count: 0, resetInSec: 0 };
  return toResult(row, windowSec);
}

export async function resetRateLimit(prisma: PrismaClient, key: string): Promise<void> {
  await prisma.rateLimitBucket.deleteMany({ where: { key } });
}

function toResult(row: { count: number; windowStart: Date }, windowSec: number) {
  const resetInSec = Math.max(1, Math.ceil((row.windowStart.getTime() + windowSec * 1000 - Date.now()) / 1000));
  return { count: Number(row.count), windowStart: row.windowStart, resetInSec };
}
