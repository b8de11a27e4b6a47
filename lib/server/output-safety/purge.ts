import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SYSTEM_ACTOR, writeAudit } from "../audit";
import { getOutputSafetySettings } from "./settings";

const DAY_MS = 86_400_000;

/**
 * Clears the sealed text of quarantined outputs and false-negative samples older than the
 * retention period. The rows stay (status, reviewer, kinds, counts) so history and the weekly
 * miss rate survive; one audit event records how much was purged.
 */
export async function purgeExpiredOutputs(
  prisma: PrismaClient,
  now = new Date(),
): Promise<{ quarantined: number; samples: number }> {
  const { retentionDays } = await getOutputSafetySettings(prisma);
  const before = new Date(now.getTime() - retentionDays * DAY_MS);
  return prisma.$transaction(async (tx) => {
    const q = await tx.quarantinedOutput.updateMany({
      where: { createdAt: { lt: before }, purgedAt: null },
      data: { sealedOutput: null, sealedRelease: null, purgedAt: now },
    });
    const s = await tx.outputReviewSample.updateMany({
      where: { createdAt: { lt: before }, purgedAt: null },
      data: { sealedOutput: null, purgedAt: now },
    });
    if (q.count + s.count > 0) {
      await writeAudit(tx, {
        actor: SYSTEM_ACTOR,
        action: "output.purge",
        data: { retention_days: retentionDays, before: before.toISOString(), quarantined: q.count, samples: s.count },
      });
    }
    return { quarantined: q.count, samples: s.count };
  });
}
