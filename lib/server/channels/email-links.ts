import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { voteInTransaction } from "../enforcement/decide-approval";
import { Conflict, Forbidden, NotFound } from "../errors";
import type { UserPrincipal } from "../principal";
import { hashSecret } from "../secrets";
import { LINK_TOKEN_PREFIX } from "./email";
import { type ApprovalSummary, approvalSummary } from "./summary";

export type LinkState = "ready" | "used" | "expired" | "decided" | "not_yours" | "not_found";

export interface LinkView {
  state: LinkState;
  action?: "approve" | "deny";
  approval?: ApprovalSummary;
}

function wellFormed(token: string): boolean {
  return token.startsWith(`${LINK_TOKEN_PREFIX}_`) && token.length < 200;
}

/**
 * What the confirmation page shows for a link: read-only, so a mail scanner (or anyone)
 * following the link changes nothing. Another person's link shows nothing of the request.
 */
export async function describeApprovalLink(
  prisma: PrismaClient,
  principal: UserPrincipal,
  token: string,
  now = new Date(),
): Promise<LinkView> {
  if (!wellFormed(token)) return { state: "not_found" };
  const link = await prisma.approvalLink.findUnique({ where: { tokenHash: hashSecret(token) } });
  if (!link) return { state: "not_found" };
  if (link.userId !== principal.userId) return { state: "not_yours" };
  const a = await prisma.approval.findUnique({ where: { id: link.approvalId }, include: { votes: true } });
  if (!a) return { state: "not_found" };
  const action = link.action === "approve" ? "approve" : "deny";
  const approval = approvalSummary(a, now);
  const state: LinkState = link.usedAt
    ? "used"
    : link.expiresAt <= now || approval.status === "EXPIRED"
      ? "expired"
      : a.status !== "PENDING"
        ? "decided"
        : "ready";
  return { state, action, approval };
}

/**
 * The confirmation page's POST: spends the link (and its sibling: one answer per person and
 * request) and votes through the one decision function, in one transaction — so a refused
 * vote (a denial without a reason, a request already decided) leaves the link unspent.
 */
export async function confirmApprovalLink(
  prisma: PrismaClient,
  principal: UserPrincipal,
  input: { token: string; reason?: string },
) {
  if (!wellFormed(input.token)) throw NotFound("The link");
  const tokenHash = hashSecret(input.token);
  return prisma.$transaction(async (tx) => {
    const now = new Date();
    const spent = await tx.$queryRawUnsafe<{ approvalId: string; action: string }[]>(
      `UPDATE approval_links SET "usedAt" = $1 WHERE "tokenHash" = $2 AND "userId" = $3::uuid
         AND "usedAt" IS NULL AND "expiresAt" > $1 RETURNING "approvalId", action`,
      now,
      tokenHash,
      principal.userId,
    );
    if (!spent.length) {
      const link = await tx.approvalLink.findUnique({ where: { tokenHash } });
      if (!link) throw NotFound("The link");
      if (link.userId !== principal.userId) throw Forbidden("This link was sent to another person.");
      if (link.usedAt) throw Conflict("This link has been used already.", "link-used");
      throw Conflict("This link expired with its request.", "expired");
    }
    const { approvalId, action } = spent[0];
    await tx.approvalLink.updateMany({
      where: { approvalId, userId: principal.userId, usedAt: null },
      data: { usedAt: now },
    });
    return voteInTransaction(tx, approvalId, principal, {
      approve: action === "approve",
      reason: input.reason,
      channel: "email",
    });
  });
}
