import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SYSTEM_ACTOR, writeAudit } from "../audit";
import { armApprovalChannels } from "../channels/settings";
import { enqueueNotification } from "../notifications/enqueue";
import { loadEscalationSettings } from "../notifications/settings";

/**
 * Requests waiting longer than the escalation time are handed to the fallback approver
 * group (its members may then decide them), marked, audited and notified — once each.
 */
export async function escalateWaiting(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { afterMin } = await loadEscalationSettings(prisma);
  const fallback = await prisma.approverGroup.findFirst({
    where: { fallback: true },
    orderBy: { name: "asc" },
    select: { name: true },
  });
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRawUnsafe<{ id: string }[]>(
      `UPDATE approvals SET "escalatedAt" = $1, "escalatedTo" = $2
       WHERE status = 'PENDING' AND "escalatedAt" IS NULL AND "expiresAt" > $1 AND "createdAt" <= $1::timestamptz - make_interval(mins => $3)
       RETURNING id`,
      now,
      fallback?.name ?? null,
      afterMin,
    );
    if (!due.length) return 0;
    const rows = await tx.approval.findMany({ where: { id: { in: due.map((d) => d.id) } } });
    await writeAudit(
      tx,
      ...rows.map((a) => ({
        actor: SYSTEM_ACTOR,
        action: "approval.escalated",
        environment: a.environment,
        target: { type: "approval", id: a.id },
        data: { after_min: afterMin, escalated_to: a.escalatedTo, approver_group: a.approverGroup },
      })),
    );
    for (const a of rows) {
      await enqueueNotification(tx, "approval.escalated", a);
      await armApprovalChannels(tx, a.id, "escalated");
    }
    return rows.length;
  });
}
