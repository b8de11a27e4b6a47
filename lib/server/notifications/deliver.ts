import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { open } from "../crypto-box";
import { createGuardedFetch } from "../ssrf";
import { emailMessage, signature, slackMessage, type NotificationPayload } from "./messages";
import { loadSmtpSettings, CHANNEL_SECRET_PURPOSE, smtpTransport } from "./settings";

export const MAX_ATTEMPTS = 6;
const BATCH = 20;

/** Backoff between attempts: 10 s, 30 s, 1.5 min, 4.5 min, … */
export function retryDelayMs(attempt: number): number {
  return 10_000 * 3 ** Math.max(0, attempt - 1);
}

type Channel = { id: string; kind: string; target: string; secretEnc: string | null };

async function send(channel: Channel, payload: NotificationPayload, prisma: PrismaClient): Promise<void> {
  if (channel.kind === "email") {
    const smtp = await loadSmtpSettings(prisma);
    if (!smtp) throw new Error("SMTP is not configured");
    const transport = smtpTransport(smtp);
    const msg = emailMessage(payload);
    await transport.sendMail({ from: smtp.from, to: channel.target, subject: msg.subject, text: msg.text });
    return;
  }
  const guarded = createGuardedFetch({
    environment: outboundPolicyFor(channel.target),
    allowHosts: env().SSRF_ALLOW_HOSTS,
    timeoutMs: 10_000,
    maxBytes: 64 * 1024,
  });
  const body = JSON.stringify(channel.kind === "slack" ? slackMessage(payload) : payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "mcp-governance-console",
    "x-mgc-event": payload.event,
    "x-mgc-timestamp": timestamp,
  };
  if (channel.secretEnc)
    headers["x-mgc-signature"] = signature(open(channel.secretEnc, CHANNEL_SECRET_PURPOSE), timestamp, body);
  const res = await guarded(channel.target, { method: "POST", headers, body });
  await res.body?.cancel().catch(() => {});
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

/**
 * Sends what is due: claims pending deliveries (SKIP LOCKED, so several console processes
 * share the work), sends each, and records success, a retry with backoff, or failure.
 */
export async function deliverDue(
  prisma: PrismaClient,
  now = new Date(),
): Promise<{ delivered: number; failed: number }> {
  const claimed = await prisma.$queryRawUnsafe<
    { id: string; channelId: string; payload: NotificationPayload; attempts: number }[]
  >(
    `UPDATE notification_deliveries SET status = 'sending', attempts = attempts + 1, "nextAttemptAt" = $1::timestamptz + interval '5 minutes'
     WHERE id IN (SELECT id FROM notification_deliveries
                  WHERE (status = 'pending' AND "nextAttemptAt" <= $1) OR (status = 'sending' AND "nextAttemptAt" <= $1)
                  ORDER BY "nextAttemptAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
     RETURNING id, "channelId", payload, attempts`,
    now,
  );
  let delivered = 0;
  let failed = 0;
  for (const d of claimed) {
    const channel = await prisma.notificationChannel.findUnique({ where: { id: d.channelId } });
    try {
      if (!channel?.enabled) throw new Error("channel removed or disabled");
      await send(channel, d.payload, prisma);
      await prisma.notificationDelivery.update({
        where: { id: d.id },
        data: { status: "delivered", deliveredAt: new Date(), lastError: null },
      });
      delivered += 1;
    } catch (err) {
      const last = d.attempts >= MAX_ATTEMPTS || !channel?.enabled;
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      await prisma.notificationDelivery.update({
        where: { id: d.id },
        data: {
          status: last ? "failed" : "pending",
          lastError: message,
          nextAttemptAt: new Date(Date.now() + retryDelayMs(d.attempts)),
        },
      });
      if (last) failed += 1;
    }
  }
  return { delivered, failed };
}

/** Notification targets follow production rules (https, public addresses) unless their host is explicitly allowed. */
export function outboundPolicyFor(target: string): "production" | "development" {
  let host = "";
  try {
    host = new URL(target).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return "production";
  }
  return env().SSRF_ALLOW_HOSTS.includes(host) ? "development" : "production";
}
