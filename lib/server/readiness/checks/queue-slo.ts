import "server-only";
import { listNames } from "@/lib/readiness/checklist";
import { getWebhookUrl } from "../../metrics/gate-settings";
import { getCurrentPolicy } from "../../policies/current-policy";
import { checkResult, type Check } from "../context";

/**
 * queue-slo: someone hears about a slow queue and about timeouts. The median-wait alert is the
 * gates webhook (it posts every change of the approval-queue-p50 gate) or a channel subscribed to
 * approval.escalated (requests waiting past the escalation time); the timeout alert is a channel
 * subscribed to approval.expired. An environment whose policy never asks for approval and that
 * has no approvals has no queue to watch.
 */
export const queueSloCheck: Check = async (ctx) => {
  const [channels, webhook, policy, approvals] = await Promise.all([
    ctx.prisma.notificationChannel.findMany({
      where: { enabled: true },
      select: { id: true, name: true, kind: true, events: true },
      orderBy: { name: "asc" },
    }),
    getWebhookUrl(ctx.prisma),
    getCurrentPolicy(ctx.prisma, ctx.environment),
    ctx.prisma.approval.count({ where: { environment: ctx.environment } }),
  ]);
  const approvalRules =
    policy?.compiled.policy.rules.filter((r) => r.decision === "REQUIRE_APPROVAL").map((r) => r.id) ?? [];
  const lastDeliveries = channels.length
    ? await ctx.prisma.notificationDelivery.findMany({
        where: { channelId: { in: channels.map((c) => c.id) } },
        orderBy: { createdAt: "desc" },
        distinct: ["channelId"],
        select: { channelId: true, status: true, createdAt: true },
      })
    : [];
  const last = new Map(lastDeliveries.map((d) => [d.channelId, d]));
  const subscribed = (event: string) => channels.filter((c) => c.events.includes(event));
  const escalated = subscribed("approval.escalated");
  const expired = subscribed("approval.expired");
  const webhookHost = webhook ? safeHost(webhook) : null;
  const details: Record<string, unknown>[] = [
    { alert: "queue p50", gates_webhook: webhookHost, channels: escalated.map((c) => c.name) },
    { alert: "timeouts", channels: expired.map((c) => c.name) },
    ...channels.map((c) => ({
      channel: c.name,
      kind: c.kind,
      events: c.events,
      last_delivery: last.get(c.id)
        ? { status: last.get(c.id)!.status, at: last.get(c.id)!.createdAt.toISOString() }
        : null,
    })),
    { approval_rules: approvalRules, approvals_ever: approvals },
  ];
  if (approvalRules.length === 0 && approvals === 0) {
    return checkResult(
      ctx,
      "queue-slo",
      "NO_DATA",
      `${ctx.environment} has no approval queue: its ${policy ? `policy v${policy.version}` : "policy (none published)"} has no REQUIRE_APPROVAL rule and no approval was ever requested.`,
      details,
    );
  }
  const p50Dest = [
    ...(webhookHost ? [`the gates webhook (${webhookHost})`] : []),
    ...escalated.map((c) => `${c.kind} channel “${c.name}”`),
  ];
  const timeoutDest = expired.map((c) => `${c.kind} channel “${c.name}”`);
  const failing = last.size
    ? [...last.entries()]
        .filter(([, d]) => d.status === "failed")
        .map(([id]) => channels.find((c) => c.id === id)!.name)
    : [];
  const note = failing.length ? ` Last delivery failed for ${listNames(failing)}.` : "";
  if (p50Dest.length && timeoutDest.length) {
    return checkResult(
      ctx,
      "queue-slo",
      "PASS",
      `Queue p50 alerts go to ${listNames(p50Dest, 2)}; timeout alerts go to ${listNames(timeoutDest, 2)}.${note}`,
      details,
    );
  }
  const missing = [
    p50Dest.length
      ? ""
      : "queue p50 alerts have no destination (set the gates webhook, or subscribe a channel to approval.escalated)",
    timeoutDest.length ? "" : "timeout alerts have no destination (subscribe a channel to approval.expired)",
  ].filter(Boolean);
  return checkResult(ctx, "queue-slo", "FAIL", `${missing.join("; ")}.${note}`, details);
};

function safeHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(invalid URL)";
  }
}
