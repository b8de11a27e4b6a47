import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Fixed-window counters in the database, so every console process sees the same count.
 * Returns the count after this hit and the seconds until the window resets.
 */
export async function hitRateLimit(
  prisma: PrismaClient,
  key: string,
  windowSec: number,
): Promise<{ count: number; resetInSec: number }> {
  const rows = await prisma.$queryRawUnsafe<{ count: number; windowStart: Date }[]>(
    `INSERT INTO rate_limit_buckets (key, "windowStart", count) VALUES ($1, now(), 1)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN rate_limit_buckets."windowStart" < now() - make_interval(secs => $2) THEN 1 ELSE rate_limit_buckets.count + 1 END,
       "windowStart" = CASE WHEN rate_limit_buckets."windowStart" < now() - make_interval(secs => $2) THEN now() ELSE rate_limit_buckets."windowStart" END
     RETURNING count, "windowStart"`,
    key,
    windowSec,
  );
  return toResult(rows[0], windowSec);
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
  return { count: Number(row.count), resetInSec };
}
