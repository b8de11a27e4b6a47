import "server-only";
import type { ApprovalRow } from "../enforcement/approvals";
import { approvalUrl } from "../enforcement/approvals";
import type { ApprovalSummary } from "@/lib/schemas/approval-channels";

export type { ApprovalSummary };

type SummaryInput = Pick<
  ApprovalRow,
  | "id"
  | "status"
  | "environment"
  | "agentName"
  | "clientId"
  | "server"
  | "tool"
  | "action"
  | "risk"
  | "ruleId"
  | "constraints"
  | "arguments"
  | "approverGroup"
  | "escalatedTo"
  | "approvalsRequired"
  | "createdAt"
  | "expiresAt"
  | "decidedBy"
  | "decidedChannel"
  | "decisionReason"
> & { votes?: { vote: string }[] };

export function approvalSummary(a: SummaryInput, now = new Date()): ApprovalSummary {
  const expired = a.status === "PENDING" && a.expiresAt <= now;
  return {
    id: a.id,
    status: expired ? "EXPIRED" : a.status,
    environment: a.environment,
    agent: a.agentName || a.clientId,
    server: a.server,
    tool: a.tool,
    action: a.action,
    risk: a.risk,
    rule_id: a.ruleId,
    constraints: (a.constraints ?? {}) as Record<string, unknown>,
    arguments: a.arguments,
    approver_group: a.approverGroup,
    escalated_to: a.escalatedTo,
    votes: a.votes?.filter((v) => v.vote === "approve").length ?? 0,
    approvals_required: a.approvalsRequired,
    created_at: a.createdAt.toISOString(),
    expires_at: a.expiresAt.toISOString(),
    decided_by: a.decidedBy,
    decided_channel: a.decidedChannel,
    decision_reason: a.decisionReason,
    url: approvalUrl(a.id),
  };
}

/** "14 min", "2 h 5 min": how long a request has waited. */
export function waitedFor(since: string | Date, now = new Date()): string {
  const min = Math.max(0, Math.floor((now.getTime() - new Date(since).getTime()) / 60_000));
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}

/** Arguments as indented JSON, cut to a length a chat message or e-mail can carry. */
export function argumentsText(args: unknown, max = 1500): string {
  const text = JSON.stringify(args ?? {}, null, 2);
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length - max} more characters in the console)` : text;
}

export function constraintsText(c: Record<string, unknown>): string {
  const entries = Object.entries(c);
  return entries.length ? entries.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ") : "none";
}
