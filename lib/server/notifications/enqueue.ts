import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import type { Tx } from "../audit";

export { NOTIFICATION_EVENT_NAMES as NOTIFICATION_EVENTS } from "@/lib/schemas/notification-events";
import type { NOTIFICATION_EVENT_NAMES } from "@/lib/schemas/notification-events";
export type NotificationEvent = (typeof NOTIFICATION_EVENT_NAMES)[number];

interface ApprovalLike {
  id: string;
  environment: string;
  clientId: string;
  agentName: string;
  server: string;
  tool: string;
  action: string;
  risk: string;
  ruleId: string | null;
  approverGroup: string | null;
  escalatedTo?: string | null;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Queues one delivery per enabled channel subscribed to the event, in the caller's
 * transaction. Sending happens in the background (deliver.ts), so a failing destination
 * never blocks or fails a decision.
 */
export async function enqueueNotification(tx: Tx, event: NotificationEvent, a: ApprovalLike): Promise<void> {
  const channels = await tx.notificationChannel.findMany({
    where: { enabled: true, events: { has: event } },
    select: { id: true },
  });
  if (!channels.length) return;
  const payload = {
    event,
    approval: {
      id: a.id,
      environment: a.environment,
      agent: a.agentName || a.clientId,
      client_id: a.clientId,
      server: a.server,
      tool: a.tool,
      action: a.action,
      risk: a.risk,
      rule_id: a.ruleId,
      approver_group: a.approverGroup,
      escalated_to: a.escalatedTo ?? null,
      created_at: a.createdAt.toISOString(),
      expires_at: a.expiresAt.toISOString(),
      url: `${env().PUBLIC_URL}/approvals?id=${a.id}`,
    },
  } satisfies Prisma.InputJsonValue;
  await tx.notificationDelivery.createMany({
    data: channels.map((c) => ({ channelId: c.id, event, approvalId: a.id, payload })),
  });
}
