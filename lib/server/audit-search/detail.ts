import "server-only";
import { eventHash } from "@/lib/audit/chain";
import type {
  Approval,
  ApprovalVote,
  DecisionRecord,
  PolicySnapshot,
  PrismaClient,
  ToolResult,
} from "@/lib/generated/prisma/client";
import { NotFound } from "../errors";
import { withoutPayload } from "./rows";
import { decisionHashOk } from "./verify";

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/**
 * One decision as an auditor reads it: the record, the policy snapshot it was decided under,
 * its approval (votes, who, when, why, the policy hash decided under), the reported tool result
 * and the other decisions of the same request. Arguments and the stored answer only with audit:payload.
 */
export async function decisionDetail(prisma: PrismaClient, id: string, opts: { payload: boolean }) {
  const d = await prisma.decisionRecord.findUnique({ where: { id } });
  if (!d) throw NotFound("The decision");
  const [snapshot, approval, result, related] = await Promise.all([
    d.policyVersion === null
      ? null
      : prisma.policySnapshot.findUnique({
          where: { environment_version: { environment: d.environment, version: d.policyVersion } },
        }),
    d.approvalId
      ? prisma.approval.findUnique({ where: { id: d.approvalId }, include: { votes: { orderBy: { at: "asc" } } } })
      : null,
    prisma.toolResult.findUnique({ where: { decisionId: d.id } }),
    prisma.decisionRecord.findMany({
      where: { requestHash: d.requestHash, clientId: d.clientId, id: { not: d.id } },
      orderBy: { seq: "desc" },
      take: 10,
      select: { id: true, seq: true, at: true, outcome: true, reason: true },
    }),
  ]);
  return {
    decision: decisionView(d, opts.payload),
    arguments_visible: opts.payload,
    policy: d.policyVersion === null ? null : policyView(d, d.policyVersion, snapshot),
    approval: approval && approvalView(approval, opts.payload),
    result: result && resultView(result),
    same_request: related.map((r) => ({
      id: r.id,
      seq: String(r.seq),
      at: r.at.toISOString(),
      outcome: r.outcome,
      reason: r.reason,
    })),
  };
}

/** The decision record itself, with whether its hash recomputes; arguments and the answer only with payload. */
function decisionView(d: DecisionRecord, payload: boolean) {
  return {
    seq: String(d.seq),
    id: d.id,
    at: d.at.toISOString(),
    environment: d.environment,
    agent_id: d.agentId,
    client_id: d.clientId,
    server: d.server,
    tool: d.tool,
    action: d.action,
    risk: d.risk,
    decision: d.decision,
    outcome: d.outcome,
    rule_id: d.ruleId,
    reason: d.reason,
    constraints: d.constraints,
    request_hash: d.requestHash,
    idempotency_key: d.idempotencyKey,
    token_jti: d.tokenJti,
    latency_ms: d.latencyMs,
    http_status: d.httpStatus,
    arguments: payload ? d.arguments : null,
    response: payload ? d.response : null,
    prev_hash: d.prevHash,
    hash: d.hash,
    hash_verifies: decisionHashOk(d),
  };
}

/** The policy the decision was made under, and whether its published snapshot is still there and matches. */
function policyView(d: DecisionRecord, version: number, snapshot: PolicySnapshot | null) {
  return {
    version,
    hash: d.policyHash,
    snapshot_found: Boolean(snapshot),
    snapshot_hash_matches: snapshot ? snapshot.hash === d.policyHash : false,
    published_at: iso(snapshot?.createdAt),
    published_by: snapshot?.authorLabel ?? null,
    message: snapshot?.message ?? null,
    unreviewed: snapshot?.unreviewed ?? null,
    history_url: `/policies?env=${d.environment}&tab=history`,
  };
}

/** The decision's approval: status (a pending one past its time reads EXPIRED), votes, hashes and consumption. */
function approvalView(approval: Approval & { votes: ApprovalVote[] }, payload: boolean) {
  return {
    id: approval.id,
    status: approval.status === "PENDING" && approval.expiresAt <= new Date() ? "EXPIRED" : approval.status,
    approvals_required: approval.approvalsRequired,
    created_at: approval.createdAt.toISOString(),
    expires_at: approval.expiresAt.toISOString(),
    decided_at: iso(approval.decidedAt),
    decided_by: approval.decidedBy,
    decision_reason: approval.decisionReason,
    policy_version: approval.policyVersion,
    policy_hash: approval.policyHash,
    decided_policy_hash: approval.decidedPolicyHash,
    request_hash: approval.requestHash,
    consumed_at: iso(approval.consumedAt),
    consumed_decision_id: approval.consumedDecisionId,
    origin_decision_id: approval.originDecisionId,
    voided_reason: approval.voidedReason,
    arguments: payload ? approval.arguments : null,
    votes: approval.votes.map((v) => ({ user: v.userLabel, vote: v.vote, reason: v.reason, at: v.at.toISOString() })),
  };
}

/** The tool result the gateway or the agent reported for the call. */
function resultView(result: ToolResult) {
  return {
    at: result.at.toISOString(),
    status: result.status,
    duration_ms: result.durationMs,
    safety_action: result.safetyAction,
    findings: result.findings,
    unapproved: result.unapproved,
    high_risk_write: result.highRiskWrite,
  };
}
export type DecisionDetail = Awaited<ReturnType<typeof decisionDetail>>;

/** One audit event, whether its own hash recomputes, and what it points at. */
export async function eventDetail(prisma: PrismaClient, id: string, opts: { payload: boolean }) {
  const e = await prisma.auditEvent.findUnique({ where: { id } });
  if (!e) throw NotFound("The audit event");
  const decision =
    e.targetType === "decision" && e.targetId
      ? await prisma.decisionRecord.findUnique({ where: { id: e.targetId }, select: { id: true } })
      : null;
  return {
    event: {
      seq: String(e.seq),
      id: e.id,
      at: e.at.toISOString(),
      environment: e.environment,
      actor_type: e.actorType,
      actor_id: e.actorId,
      actor_label: e.actorLabel,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      data: opts.payload ? e.data : withoutPayload(e.data),
      prev_hash: e.prevHash,
      hash: e.hash,
      hash_verifies: eventHash(e.prevHash, e) === e.hash,
    },
    payload_visible: opts.payload,
    links: {
      decision_id: decision?.id ?? null,
      approval_id: e.targetType === "approval" ? e.targetId : null,
    },
  };
}
export type EventDetail = Awaited<ReturnType<typeof eventDetail>>;
