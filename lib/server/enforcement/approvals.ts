import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Constraints, Environment } from "@/lib/policy";
import { env } from "@/lib/env";
import { writeAudit, SYSTEM_ACTOR, type Tx } from "../audit";
import { armApprovalChannels } from "../channels/settings";
import { rearmChannelJobs } from "../channels/jobs";
import { hotSqlOf } from "../db";
import { enqueueNotification } from "../notifications/enqueue";
import { isWindowScope } from "./binding";

export const DEFAULT_APPROVAL_TTL_MIN = 60;

export type ApprovalRow = Awaited<ReturnType<PrismaClient["approval"]["findUniqueOrThrow"]>>;

export function approvalUrl(id: string): string {
  return `${env().PUBLIC_URL}/approvals?id=${id}`;
}

/** The approval as an agent sees it in a decision or on GET /api/v1/approvals/{id}. */
export function approvalView(a: Pick<ApprovalRow, "id" | "status" | "expiresAt">) {
  return { id: a.id, status: a.status, expires_at: a.expiresAt.toISOString(), url: approvalUrl(a.id) };
}

export interface ApprovalRequest {
  environment: Environment;
  agentId: string;
  clientId: string;
  agentName: string;
  agentOwner: string;
  server: string;
  tool: string;
  action: string;
  risk: string;
  maskedArguments: Prisma.InputJsonValue;
  requestHash: string;
  policyHash: string;
  policyVersion: number;
  ruleId: string | null;
  constraints: Constraints;
  decisionId: string;
}

/**
 * The open approval the agent's identical call already has under this policy, read without a
 * lock or a Prisma round trip: repeats of a pending call (an agent polling by re-asking) need
 * no write but their decision row. Null when there is none, or when an older policy's approval
 * must be voided first; the locked slow path then decides.
 */
export async function reusableApproval(
  prisma: PrismaClient,
  clientId: string,
  bindHash: string,
  policyHash: string,
  now: Date,
): Promise<Pick<ApprovalRow, "id" | "status" | "expiresAt"> | null> {
  const hot = hotSqlOf(prisma);
  if (!hot) return null;
  const open = await hot.query(
    `SELECT id, status::text AS status, "expiresAt", "policyHash" FROM approvals
     WHERE "clientId" = $1 AND "requestHash" = $2 AND status IN ('PENDING', 'APPROVED') AND "expiresAt" > $3
     ORDER BY "createdAt" ASC`,
    [clientId, bindHash, now.toISOString()],
  );
  if (!open.length || open.some((a) => a.policyHash !== policyHash)) return null;
  const a = open[0];
  return {
    id: String(a.id),
    status: a.status as ApprovalRow["status"],
    expiresAt: new Date(a.expiresAt as string | Date),
  };
}

/**
 * One approval per pending request: the same agent asking the same call under the same
 * policy gets the pending approval back. Pending approvals of the same request under an
 * older policy are voided (a newer snapshot decides now).
 */
export async function openOrReuseApproval(
  tx: Tx,
  req: ApprovalRequest,
  now: Date,
): Promise<{ approval: ApprovalRow; created: boolean }> {
  const pending = await tx.approval.findMany({
    where: {
      clientId: req.clientId,
      requestHash: req.requestHash,
      status: { in: ["PENDING", "APPROVED"] },
      expiresAt: { gt: now },
    },
    orderBy: { createdAt: "asc" },
  });
  const same = pending.find((a) => a.policyHash === req.policyHash);
  const stale = pending.filter((a) => a.policyHash !== req.policyHash);
  if (stale.length) await voidApprovals(tx, stale, "policy_changed", req.policyHash);
  if (same) return { approval: same, created: false };
  const ttl = req.constraints.approval_ttl_min ?? DEFAULT_APPROVAL_TTL_MIN;
  const groups = [
    ...new Set([
      ...(req.constraints.approver_groups ?? []),
      ...(req.constraints.approver_group ? [req.constraints.approver_group] : []),
    ]),
  ].sort();
  const approval = await tx.approval.create({
    data: {
      environment: req.environment,
      agentId: req.agentId,
      clientId: req.clientId,
      agentName: req.agentName,
      agentOwner: req.agentOwner,
      server: req.server,
      tool: req.tool,
      action: req.action,
      risk: req.risk,
      arguments: req.maskedArguments,
      requestHash: req.requestHash,
      policyHash: req.policyHash,
      policyVersion: req.policyVersion,
      ruleId: req.ruleId,
      constraints: req.constraints as Prisma.InputJsonValue,
      approvalsRequired: Math.max(
        1,
        req.constraints.approvals_required ?? 1,
        req.constraints.approver_groups?.length ?? 0,
      ),
      approverGroup: groups.length ? groups.join(",") : null,
      distinctGroups: (req.constraints.approver_groups?.length ?? 0) > 1,
      scope: isWindowScope(req.constraints) ? "window" : "once",
      bindPointers: isWindowScope(req.constraints) ? (req.constraints.approval_bind_arguments ?? []) : [],
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttl * 60_000),
      originDecisionId: req.decisionId,
    },
  });
  await writeAudit(tx, {
    actor: { type: "agent", id: req.agentId, label: req.clientId },
    action: "approval.requested",
    environment: req.environment,
    target: { type: "approval", id: approval.id },
    data: {
      server: req.server,
      tool: req.tool,
      rule_id: req.ruleId,
      request_hash: req.requestHash,
      policy_hash: req.policyHash,
      policy_version: req.policyVersion,
      approver_group: approval.approverGroup,
    },
  });
  await enqueueNotification(tx, "approval.requested", approval);
  await armApprovalChannels(tx, approval.id, "requested");
  return { approval, created: true };
}

export async function voidApprovals(
  tx: Tx,
  approvals: Pick<ApprovalRow, "id" | "environment" | "policyHash">[],
  reason: string,
  newPolicyHash: string,
): Promise<void> {
  if (!approvals.length) return;
  await tx.approval.updateMany({
    where: { id: { in: approvals.map((a) => a.id) }, status: { in: ["PENDING", "APPROVED"] } },
    data: { status: "VOIDED", voidedReason: reason },
  });
  await writeAudit(
    tx,
    ...approvals.map((a) => ({
      actor: SYSTEM_ACTOR,
      action: "approval.voided",
      environment: a.environment,
      target: { type: "approval", id: a.id },
      data: { reason, old_policy_hash: a.policyHash, new_policy_hash: newPolicyHash },
    })),
  );
  await rearmChannelJobs(
    tx,
    approvals.map((a) => a.id),
    "slack",
  );
}

export type GrantCheck =
  | { ok: true; approval: ApprovalRow }
  | { ok: false; reason: string; approval?: ApprovalRow; status?: string };

type GrantBind = { clientId: string; requestHash: string; policyHash: string; decisionId: string };

/** Why this approval cannot be used for this call now (null: it can), read from its row alone. */
function grantRefusal(
  approval: ApprovalRow | null,
  bind: GrantBind,
  now: Date,
): Extract<GrantCheck, { ok: false }> | null {
  if (!approval || approval.clientId !== bind.clientId) return { ok: false, reason: "approval_not_found" };
  if (approval.requestHash !== bind.requestHash) return { ok: false, reason: "approval_request_mismatch", approval };
  if (approval.status === "PENDING" && approval.expiresAt > now)
    return { ok: false, reason: "approval_pending", approval, status: "PENDING" };
  if (approval.status === "CONSUMED") return { ok: false, reason: "approval_already_used", approval };
  if (approval.status === "DENIED") return { ok: false, reason: "approval_denied", approval };
  if (approval.status === "VOIDED") return { ok: false, reason: "approval_voided", approval };
  if (approval.status === "EXPIRED" || (approval.status === "PENDING" && approval.expiresAt <= now))
    return { ok: false, reason: "approval_timeout", approval };
  if (approval.scope !== "window" && approval.expiresAt <= now)
    return { ok: false, reason: "approval_expired", approval };
  if (approval.policyHash !== bind.policyHash) return { ok: false, reason: "approval_policy_changed", approval };
  return null;
}

/**
 * The answer for a consumer of a single-use approval that another transaction is deciding the same
 * call with (a parallel consumer, on any host): its last committed state, and a usable one counts as
 * used — the other holds it, and of the two only one may have it. Never consumes; fails closed (if
 * the other rolls back, the approval stays APPROVED and a retry may use it).
 */
export async function grantInUse(
  tx: Tx,
  approvalId: string,
  bind: GrantBind,
  now: Date,
): Promise<Extract<GrantCheck, { ok: false }>> {
  const approval = await tx.approval.findUnique({ where: { id: approvalId } });
  const refused = grantRefusal(approval, bind, now);
  if (refused || !approval) return refused ?? { ok: false, reason: "approval_not_found" };
  return { ok: false, reason: "approval_already_used", approval };
}

/**
 * Consumes an approved grant exactly once: a single conditional UPDATE, so of any number
 * of concurrent re-submits (on any process) exactly one sees the row change.
 */
export async function consumeGrant(tx: Tx, approvalId: string, bind: GrantBind, now: Date): Promise<GrantCheck> {
  const approval = await tx.approval.findUnique({ where: { id: approvalId } });
  const refused = grantRefusal(approval, bind, now);
  if (refused || !approval) return refused ?? { ok: false, reason: "approval_not_found" };
  if (approval.scope === "window") {
    // A standing approval is used, not consumed: every use is its own decision until the window ends.
    const used = await tx.$executeRawUnsafe(
      `UPDATE approvals SET "useCount" = "useCount" + 1 WHERE id = $1::uuid AND status = 'APPROVED' AND "windowEndsAt" > $2 AND "requestHash" = $3 AND "policyHash" = $4`,
      approvalId,
      now,
      bind.requestHash,
      bind.policyHash,
    );
    if (used !== 1) return { ok: false, reason: "approval_window_closed", approval };
    return { ok: true, approval };
  }
  const rows = await tx.$executeRawUnsafe(
    `UPDATE approvals SET status = 'CONSUMED', "consumedAt" = $1, "consumedDecisionId" = $2::uuid
     WHERE id = $3::uuid AND status = 'APPROVED' AND "expiresAt" > $1 AND "requestHash" = $4 AND "policyHash" = $5`,
    now,
    bind.decisionId,
    approvalId,
    bind.requestHash,
    bind.policyHash,
  );
  if (rows !== 1) return { ok: false, reason: "approval_already_used", approval };
  await writeAudit(tx, {
    actor: { type: "agent", id: approval.agentId, label: approval.clientId },
    action: "approval.consumed",
    environment: approval.environment,
    target: { type: "approval", id: approvalId },
    data: { decision_id: bind.decisionId, request_hash: bind.requestHash, policy_hash: bind.policyHash },
  });
  return {
    ok: true,
    approval: { ...approval, status: "CONSUMED", consumedAt: now, consumedDecisionId: bind.decisionId },
  };
}

/** Pending approvals past their deadline become EXPIRED (counted as queue timeouts). */
export async function expireApprovals(prisma: PrismaClient, now = new Date()): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const due = await tx.$queryRawUnsafe<{ id: string; environment: Environment }[]>(
      `UPDATE approvals SET status = 'EXPIRED', "decidedAt" = "expiresAt", "decisionReason" = 'approval_timeout'
       WHERE status = 'PENDING' AND "expiresAt" <= $1 RETURNING id, environment`,
      now,
    );
    if (due.length) {
      await writeAudit(
        tx,
        ...due.map((a) => ({
          actor: SYSTEM_ACTOR,
          action: "approval.expired",
          environment: a.environment,
          target: { type: "approval", id: a.id },
          data: { reason: "approval_timeout" },
        })),
      );
      for (const a of await tx.approval.findMany({ where: { id: { in: due.map((d) => d.id) } } }))
        await enqueueNotification(tx, "approval.expired", a);
      await rearmChannelJobs(
        tx,
        due.map((d) => d.id),
        "slack",
      );
    }
    return due.length;
  });
}

/** The agent's standing approval for this (bound) call, if one is approved and its window still open. */
export async function activeWindowApproval(
  tx: Tx,
  clientId: string,
  bindHash: string,
  policyHash: string,
  now: Date,
): Promise<string | undefined> {
  const a = await tx.approval.findFirst({
    where: {
      clientId,
      requestHash: bindHash,
      policyHash,
      scope: "window",
      status: "APPROVED",
      windowEndsAt: { gt: now },
    },
    orderBy: { windowEndsAt: "desc" },
    select: { id: true },
  });
  return a?.id;
}
