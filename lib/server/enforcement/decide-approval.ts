import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import { maskArguments } from "@/lib/output-safety/mask";
import { requestHash } from "@/lib/policy";
import type { ApprovalChannel } from "@/lib/schemas/approvals";
import { type Tx, writeAudit } from "../audit";
import { rearmChannelJobs } from "../channels/jobs";
import { actorOf } from "../change-requests";
import { Conflict, Forbidden, NotFound, Unprocessable } from "../errors";
import type { UserPrincipal } from "../principal";

export interface Vote {
  approve: boolean;
  reason?: string;
  /** Edit-and-approve: approve this corrected call instead of the one requested (console only). */
  arguments?: Record<string, unknown>;
  /** Where the person decided (audited, and split out in approval insights); the console by default. */
  channel?: ApprovalChannel;
}

/** The groups whose members may decide this request now (required groups, plus the fallback group after escalation). */
export function eligibleGroups(a: { approverGroup: string | null; escalatedTo: string | null }): string[] | null {
  if (!a.approverGroup) return null;
  return [...a.approverGroup.split(","), ...(a.escalatedTo ? [a.escalatedTo] : [])];
}

/**
 * An approver's vote, from any channel (console, Slack, e-mail, MCP): the one place the rules
 * of approvals are applied. Deny needs a reason and ends the request; approvals_required: 2
 * needs two different people (and with approver_groups, one from each group); nobody decides a
 * request of an agent they own; only the console may correct the arguments, and the approval
 * then binds to the corrected call only.
 */
export async function voteOnApproval(prisma: PrismaClient, id: string, principal: UserPrincipal, vote: Vote) {
  checkVote(principal, vote);
  return prisma.$transaction((tx) => voteInTransaction(tx, id, principal, vote));
}

function checkVote(principal: UserPrincipal, vote: Vote): void {
  // Every channel, not only the console's handler: a Slack or e-mail identity maps to a person whose role may have changed.
  if (!can(principal.role, "approvals:decide")) throw Forbidden("Your role does not allow deciding approvals.");
  if (!vote.approve && !vote.reason?.trim())
    throw Unprocessable("A reason is required to deny.", [{ path: "reason", message: "required when denying" }]);
  if (vote.arguments && (vote.channel ?? "console") !== "console")
    throw Unprocessable("Edit-and-approve is only possible in the console.", [
      { path: "arguments", message: "only in the console" },
    ]);
}

type PendingApproval = Prisma.ApprovalGetPayload<{ include: { votes: true } }>;
type EditedCall = { arguments: Prisma.InputJsonValue; requestHash: string };

/** voteOnApproval inside the caller's transaction (the e-mail link is spent in the same one). */
export async function voteInTransaction(tx: Tx, id: string, principal: UserPrincipal, vote: Vote) {
  checkVote(principal, vote);
  const channel = vote.channel ?? "console";
  const reason = vote.reason?.trim() || null;
  const { a, now } = await lockPending(tx, id);
  await checkVoter(tx, a, principal);
  const groupName = await voterGroup(tx, a, principal);
  const edit = vote.approve && vote.arguments ? editedCall(a, vote.arguments) : null;

  await tx.approvalVote.create({
    data: {
      approvalId: id,
      userId: principal.userId,
      userLabel: principal.email,
      vote: vote.approve ? "approve" : "deny",
      reason,
      groupName,
      channel,
    },
  });
  const approves = [...a.votes.filter((v) => v.vote === "approve"), ...(vote.approve ? [{ groupName }] : [])];
  const final = outcomeAfter(a, vote.approve, approves);
  const windowEndsAt =
    final === "APPROVED" && a.scope === "window"
      ? new Date(now.getTime() + windowMinutes(a.constraints) * 60_000)
      : undefined;
  const updated = await tx.approval.update({
    where: { id },
    data: {
      ...(edit
        ? {
            approvedArguments: edit.arguments,
            originalRequestHash: a.originalRequestHash ?? a.requestHash,
            requestHash: edit.requestHash,
          }
        : {}),
      ...(final === "PENDING"
        ? {}
        : {
            status: final,
            decidedAt: now,
            decidedBy: [...a.votes.map((v) => v.userLabel), principal.email].join(", "),
            decisionReason: reason,
            decidedPolicyHash: a.policyHash,
            decidedChannel: channel,
            windowEndsAt,
          }),
    },
    include: { votes: true },
  });
  await writeAudit(tx, {
    actor: actorOf(principal),
    action: final === "DENIED" ? "approval.denied" : final === "APPROVED" ? "approval.approved" : "approval.vote",
    environment: a.environment,
    target: { type: "approval", id },
    data: {
      channel,
      reason,
      group: groupName,
      votes: approves.length,
      required: a.approvalsRequired,
      request_hash: updated.requestHash,
      policy_hash: a.policyHash,
      policy_version: a.policyVersion,
      server: a.server,
      tool: a.tool,
      ...(edit ? editAudit(a, vote.arguments) : {}),
    },
  });
  // A Slack message about this request shows the vote or the decision.
  await rearmChannelJobs(tx, [id], "slack");
  return updated;
}

/** The approval, locked for this vote, still pending and not expired at `now` (read once the lock is held). */
async function lockPending(tx: Tx, id: string): Promise<{ a: PendingApproval; now: Date }> {
  const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
    `SELECT id FROM approvals WHERE id = $1::uuid FOR UPDATE`,
    id,
  );
  if (!locked.length) throw NotFound("The approval");
  const a = await tx.approval.findUniqueOrThrow({ where: { id }, include: { votes: true } });
  if (a.status !== "PENDING") throw Conflict(`This request is already ${a.status.toLowerCase()}.`, "already-decided");
  const now = new Date();
  if (a.expiresAt <= now) throw Conflict("This request expired before it was decided.", "expired");
  return { a, now };
}

/** Nobody decides a request of an agent they own, and nobody votes twice. */
async function checkVoter(tx: Tx, a: PendingApproval, principal: UserPrincipal): Promise<void> {
  const agent = a.agentId
    ? await tx.agent.findUnique({ where: { id: a.agentId }, select: { ownerUserId: true, owner: true } })
    : null;
  if (
    agent &&
    (agent.ownerUserId === principal.userId || agent.owner.toLowerCase() === principal.email.toLowerCase())
  ) {
    throw Forbidden("You own this agent, so another approver must decide its requests.");
  }
  if (a.votes.some((v) => v.userId === principal.userId))
    throw Conflict("You already approved this request; another approver must add the next approval.", "already-voted");
}

/** The approver group this vote counts for (null when the request names none); refused when the voter is in none. */
async function voterGroup(tx: Tx, a: PendingApproval, principal: UserPrincipal): Promise<string | null> {
  const groups = eligibleGroups(a);
  if (!groups) return null;
  const mine = (
    await tx.groupMember.findMany({
      where: { userId: principal.userId },
      include: { group: { select: { name: true } } },
    })
  ).map((m) => m.group.name);
  const required = a.approverGroup!.split(",");
  const counted = new Set(a.votes.map((v) => v.groupName));
  // Prefer a required group that has not approved yet, so four-eyes-across-teams fills up.
  const groupName =
    required.find((g) => mine.includes(g) && !counted.has(g)) ?? groups.find((g) => mine.includes(g)) ?? null;
  if (!groupName)
    throw Forbidden(`This request must be decided by the ${groups.join(" or ")} group${groups.length > 1 ? "s" : ""}.`);
  return groupName;
}

/** Edit-and-approve: the corrected call and the request hash the approval then binds to (not for standing approvals). */
function editedCall(a: PendingApproval, args: Record<string, unknown>): EditedCall {
  if (a.scope === "window")
    throw Unprocessable(
      "A standing approval is bound to a subset of arguments; edit the call by denying it with a reason instead.",
      [{ path: "arguments", message: "not supported for standing approvals" }],
    );
  return {
    arguments: args as Prisma.InputJsonValue,
    requestHash: requestHash({
      environment: a.environment,
      agent: a.clientId,
      server: a.server,
      tool: a.tool,
      arguments: args,
    }),
  };
}

/** A deny ends the request; enough approvals (one from each required group, unless escalated) approve it. */
function outcomeAfter(
  a: PendingApproval,
  approve: boolean,
  approves: { groupName: string | null }[],
): "DENIED" | "APPROVED" | "PENDING" {
  if (!approve) return "DENIED";
  const groupsSatisfied =
    !a.distinctGroups ||
    Boolean(a.escalatedAt) ||
    a.approverGroup!.split(",").every((g) => approves.some((v) => v.groupName === g));
  return approves.length >= a.approvalsRequired && groupsSatisfied ? "APPROVED" : "PENDING";
}

/** What the audit event records of an edited call: the original, and the approved arguments masked. */
function editAudit(a: PendingApproval, args: Record<string, unknown> | undefined) {
  return {
    edited: true,
    original_request_hash: a.originalRequestHash ?? a.requestHash,
    original_arguments: a.arguments,
    approved_arguments: maskArguments(args) as Prisma.InputJsonValue,
  };
}

function windowMinutes(constraints: Prisma.JsonValue): number {
  const v = (constraints as { approval_window_min?: unknown } | null)?.approval_window_min;
  return typeof v === "number" && v > 0 ? v : 0;
}
