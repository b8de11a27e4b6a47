import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { outboundPolicyFor } from "../notifications/deliver";
import { createGuardedFetch } from "../ssrf";
import { runChannelJobs } from "./jobs";
import { loadSlackApp, type SlackApp, slackApiBaseProblem } from "./settings";
import { type ApprovalSummary, approvalSummary, argumentsText, constraintsText, waitedFor } from "./summary";

export const APPROVE_ACTION = "approval.approve";
export const DENY_ACTION = "approval.deny";
export const DENY_MODAL = "approval.deny_reason";

/** Slack's Web API through the SSRF guard (https and public addresses unless the host is in SSRF_ALLOW_HOSTS). */
export async function slackApi(app: SlackApp, method: string, body: Record<string, unknown>) {
  // A base planted in the database past the settings check is refused before any connection.
  const problem = slackApiBaseProblem(app.apiBaseUrl);
  if (problem) throw new Error(`Slack API URL refused: ${problem}`);
  const guarded = createGuardedFetch({
    environment: outboundPolicyFor(app.apiBaseUrl),
    allowHosts: env().SSRF_ALLOW_HOSTS,
    timeoutMs: 10_000,
    maxBytes: 256 * 1024,
  });
  const res = await guarded(`${app.apiBaseUrl}/${method}`, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      authorization: `Bearer ${app.botToken}`,
      "user-agent": "mcp-governance-console",
    },
    body: JSON.stringify(body),
  });
  const data = (await res.json().catch(() => null)) as { ok?: boolean; error?: string; [k: string]: unknown } | null;
  if (!res.ok || !data?.ok) throw new Error(`Slack ${method} failed: ${data?.error ?? `HTTP ${res.status}`}`);
  return data;
}

/** Slack mrkdwn treats &, < and > as markup: everything a request carries is escaped. */
export function slackEscape(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

const OUTCOME: Record<string, string> = {
  APPROVED: ":white_check_mark: Approved",
  CONSUMED: ":white_check_mark: Approved",
  DENIED: ":no_entry: Denied",
  EXPIRED: ":hourglass: Expired before anyone decided",
  VOIDED: ":arrows_counterclockwise: Voided by a policy change",
};

/** The Block Kit message of a request: Approve / Deny while it waits, who decided (and where) once it is decided. */
export function approvalMessage(s: ApprovalSummary, now = new Date()) {
  const e = slackEscape;
  const title = `${s.server} · ${s.tool} (${s.risk} risk) for ${s.agent} in ${s.environment}`;
  const group = s.escalated_to ? `${s.approver_group} or ${s.escalated_to}` : (s.approver_group ?? "any approver");
  const blocks: Record<string, unknown>[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: `${s.status === "PENDING" ? "Approval needed" : "Approval decided"}: ${s.server} · ${s.tool}`.slice(
          0,
          150,
        ),
      },
    },
    {
      type: "section",
      fields: [
        `*Agent*\n${e(s.agent)}`,
        `*Environment*\n${e(s.environment)}`,
        `*Server · tool*\n${e(s.server)} · ${e(s.tool)} (${e(s.action)})`,
        `*Risk*\n${e(s.risk)}`,
        `*Rule*\n\`${e(s.rule_id ?? "—")}\``,
        `*Constraints*\n${e(constraintsText(s.constraints))}`.slice(0, 2000),
        `*Approver group*\n${e(group)} · ${s.votes} of ${s.approvals_required}`,
        `*Waiting*\n${waitedFor(s.created_at, now)} (expires <!date^${Math.floor(new Date(s.expires_at).getTime() / 1000)}^{time}|${s.expires_at}>)`,
      ].map((text) => ({ type: "mrkdwn", text })),
    },
    {
      type: "section",
      // A section's text holds at most 3,000 characters, counted after escaping.
      text: {
        type: "mrkdwn",
        text: `*Arguments (masked)*\n\`\`\`${e(argumentsText(s.arguments, 2500)).slice(0, 2900)}\`\`\``,
      },
    },
  ];
  if (s.status === "PENDING") {
    blocks.push({
      type: "actions",
      block_id: "decide",
      elements: [
        { type: "button", action_id: APPROVE_ACTION, style: "primary", value: s.id, text: plain("Approve") },
        { type: "button", action_id: DENY_ACTION, style: "danger", value: s.id, text: plain("Deny…") },
        { type: "button", action_id: "approval.open", url: s.url, text: plain("Edit in the console") },
      ],
    });
  } else {
    const by = s.decided_by ? ` by ${e(s.decided_by)}${s.decided_channel ? ` (${e(s.decided_channel)})` : ""}` : "";
    const why = s.status === "DENIED" && s.decision_reason ? `: “${e(s.decision_reason)}”` : "";
    blocks.push({
      type: "context",
      elements: [{ type: "mrkdwn", text: `${OUTCOME[s.status] ?? e(s.status)}${by}${why}`.slice(0, 3000) }],
    });
  }
  return { text: `${s.status === "PENDING" ? "Approval needed" : "Approval decided"}: ${title}`, blocks };
}

function plain(text: string) {
  return { type: "plain_text", text };
}

function channelFor(app: SlackApp, s: ApprovalSummary): string {
  for (const g of (s.approver_group ?? "").split(",")) if (g && app.groupChannels[g]) return app.groupChannels[g];
  return app.defaultChannel;
}

/**
 * The Slack job of one approval: posts the message while the request waits (to its approver
 * group's channel), and afterwards updates that message to the request's current state.
 */
export async function syncSlackMessage(prisma: PrismaClient, approvalId: string, now = new Date()): Promise<void> {
  const app = await loadSlackApp(prisma);
  if (!app) return;
  const a = await prisma.approval.findUnique({ where: { id: approvalId }, include: { votes: true } });
  if (!a) return;
  const s = approvalSummary(a, now);
  const posted = await prisma.slackMessage.findUnique({ where: { approvalId } });
  const message = approvalMessage(s, now);
  if (posted) {
    await slackApi(app, "chat.update", { channel: posted.channel, ts: posted.ts, ...message });
    await prisma.slackMessage.update({ where: { approvalId }, data: { updatedAt: now } });
    return;
  }
  if (s.status !== "PENDING") return;
  const res = await slackApi(app, "chat.postMessage", { channel: channelFor(app, s), ...message });
  await prisma.slackMessage.create({
    data: { approvalId, channel: String(res.channel), ts: String(res.ts), postedAt: now, updatedAt: now },
  });
}

export function syncSlackMessages(prisma: PrismaClient, now = new Date()) {
  return runChannelJobs(prisma, "slack", (p, id) => syncSlackMessage(p, id), now);
}
