import "server-only";
import { createHmac } from "node:crypto";
import type { NotificationEvent } from "./enqueue";

export interface NotificationPayload {
  event: NotificationEvent;
  approval: {
    id: string;
    environment: string;
    agent: string;
    server: string;
    tool: string;
    action: string;
    risk: string;
    rule_id: string | null;
    approver_group: string | null;
    escalated_to: string | null;
    expires_at: string;
    url: string;
  };
}

const HEADLINE: Record<NotificationEvent, string> = {
  "approval.requested": "Approval needed",
  "approval.escalated": "Approval escalated",
  "approval.expired": "Approval timed out",
};

export function headline(p: NotificationPayload): string {
  const a = p.approval;
  return `${HEADLINE[p.event]}: ${a.server} · ${a.tool} (${a.action}, ${a.risk} risk) for agent ${a.agent} in ${a.environment}`;
}

/** Slack's incoming-webhook JSON: a text fallback and one section with a deep link. */
export function slackMessage(p: NotificationPayload) {
  const a = p.approval;
  const group = a.escalated_to
    ? ` · escalated to ${a.escalated_to}`
    : a.approver_group
      ? ` · group ${a.approver_group}`
      : "";
  return {
    text: `${headline(p)} — ${a.url}`,
    blocks: [
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: `*${headline(p)}*${group}\nRule \`${a.rule_id ?? "—"}\` · expires ${a.expires_at}\n<${a.url}|Open in the console>`,
        },
      },
    ],
  };
}

/** Generic webhooks are signed: HMAC-SHA256 over "<timestamp>.<body>" with the channel's secret. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export function emailMessage(p: NotificationPayload) {
  const a = p.approval;
  return {
    subject: headline(p),
    text: `${headline(p)}\n\nRule: ${a.rule_id ?? "—"}\nApprover group: ${a.escalated_to ?? a.approver_group ?? "any approver"}\nExpires: ${a.expires_at}\n\nOpen it in the console: ${a.url}\n`,
  };
}
