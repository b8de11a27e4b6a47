import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import type { Tx } from "../audit";
import { eligibleGroups } from "../enforcement/decide-approval";

type ApprovalForApprovers = {
  id: string;
  agentId: string | null;
  approverGroup: string | null;
  escalatedTo: string | null;
};

/**
 * The people who may decide this request now, as the decision function would judge them:
 * a role that decides approvals, an enabled account, a member of an eligible group (when the
 * request names groups), not the agent's owner, and not someone who has already voted.
 */
export async function eligibleApprovers(db: PrismaClient | Tx, a: ApprovalForApprovers) {
  const groups = eligibleGroups(a);
  const members = groups
    ? (
        await db.groupMember.findMany({
          where: { group: { name: { in: groups } } },
          select: { userId: true },
        })
      ).map((m) => m.userId)
    : null;
  const [users, owner, voted] = await Promise.all([
    db.user.findMany({
      where: { disabled: false, ...(members ? { id: { in: members } } : {}) },
      select: { id: true, email: true, name: true, role: true },
      orderBy: { email: "asc" },
    }),
    a.agentId ? db.agent.findUnique({ where: { id: a.agentId }, select: { ownerUserId: true, owner: true } }) : null,
    db.approvalVote.findMany({ where: { approvalId: a.id }, select: { userId: true } }),
  ]);
  const votedIds = new Set(voted.map((v) => v.userId));
  return users.filter(
    (u) =>
      can(u.role, "approvals:decide") &&
      !votedIds.has(u.id) &&
      u.id !== owner?.ownerUserId &&
      u.email.toLowerCase() !== owner?.owner.toLowerCase(),
  );
}
