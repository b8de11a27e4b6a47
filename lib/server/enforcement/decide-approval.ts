import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit } from "../audit";
import { actorOf } from "../change-requests";
import { Conflict, Forbidden, NotFound, Unprocessable } from "../errors";
import type { UserPrincipal } from "../principal";

/**
 * An approver's vote. Deny needs a reason and ends the request; approvals_required: 2 needs
 * two different people; nobody decides a request of an agent they own.
 */
export async function voteOnApproval(prisma: PrismaClient, id: string, principal: UserPrincipal, vote: { approve: boolean; reason?: string }) {
  const reason = vote.reason?.trim() || null;
  if (!vote.approve && !reason) throw Unprocessable("A reason is required to deny.", [{ path: "reason", message: "required when denying" }]);
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRawUnsafe<{ id: string }[]>(`SELECT id FROM approvals WHERE id = $1::uuid FOR UPDATE`, id);
    if (!locked.length) throw NotFound("The approval");
    const a = await tx.approval.findUniqueOrThrow({ where: { id }, include: { votes: true } });
    if (a.status !== "PENDING") throw Conflict(`This request is already ${a.status.toLowerCase()}.`, "already-decided");
    if (a.expiresAt <= new Date()) throw Conflict("This request expired before it was decided.", "expired");
    const agent = a.agentId ? await tx.agent.findUnique({ where: { id: a.agentId }, select: { ownerUserId: true, owner: true } }) : null;
    if (agent && (agent.ownerUserId === principal.userId || agent.owner.toLowerCase() === principal.email.toLowerCase())) {
      throw Forbidden("You own this agent, so another approver must decide its requests.");
    }
    if (a.votes.some((v) => v.userId === principal.userId)) throw Conflict("You already approved this request; another approver must add the second approval.", "already-voted");
    await tx.approvalVote.create({ data: { approvalId: id, userId: principal.userId, userLabel: principal.email, vote: vote.approve ? "approve" : "deny", reason } });
    const approvals = a.votes.filter((v) => v.vote === "approve").length + (vote.approve ? 1 : 0);
    const final = !vote.approve ? "DENIED" : approvals >= a.approvalsRequired ? "APPROVED" : "PENDING";
    const now = new Date();
    const updated = await tx.approval.update({
      where: { id },
      data: final === "PENDING" ? {} : { status: final, decidedAt: now, decidedBy: [...a.votes.map((v) => v.userLabel), principal.email].join(", "), decisionReason: reason, decidedPolicyHash: a.policyHash },
      include: { votes: true },
    });
    await writeAudit(tx, {
      actor: actorOf(principal),
      action: final === "DENIED" ? "approval.denied" : final === "APPROVED" ? "approval.approved" : "approval.vote",
      environment: a.environment,
      target: { type: "approval", id },
      data: { reason, votes: approvals, required: a.approvalsRequired, request_hash: a.requestHash, policy_hash: a.policyHash, policy_version: a.policyVersion, server: a.server, tool: a.tool },
    });
    return updated;
  });
}
