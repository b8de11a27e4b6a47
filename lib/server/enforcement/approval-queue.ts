import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { can } from "@/lib/auth/permissions";
import { maskArguments } from "@/lib/output-safety/mask";
import type { z } from "zod";
import type { approvalListQuery } from "@/lib/schemas/approvals";
import { NotFound } from "../errors";
import type { UserPrincipal } from "../principal";

type ListQuery = z.infer<typeof approvalListQuery>;

/** Approvers, auditors and admins see arguments; viewers see metadata only (enforced here, not in the UI). */
function present(a: Prisma.ApprovalGetPayload<{ include: { votes: true } }>, principal: UserPrincipal) {
  const expired = a.status === "PENDING" && a.expiresAt <= new Date();
  const payload = can(principal.role, "approvals:payload");
  return {
    ...a,
    status: expired ? "EXPIRED" : a.status,
    arguments: payload ? a.arguments : null,
    approvedArguments: payload && a.approvedArguments !== null ? maskArguments(a.approvedArguments) : null,
    arguments_visible: payload,
  };
}

/** DECIDED is every request that no longer waits: decided, voided, or lapsed without an answer (still PENDING in the table). */
function listWhere(q: ListQuery, now: Date): Prisma.ApprovalWhereInput {
  return {
    ...(q.status === "DECIDED"
      ? { OR: [{ status: { not: "PENDING" } }, { status: "PENDING", expiresAt: { lte: now } }] }
      : q.status
        ? { status: q.status }
        : {}),
    ...(q.status === "PENDING" ? { expiresAt: { gt: now } } : {}),
    ...(q.environment ? { environment: q.environment } : {}),
    ...(q.server ? { server: q.server } : {}),
    ...(q.risk ? { risk: q.risk } : {}),
  };
}

export async function listApprovals(prisma: PrismaClient, principal: UserPrincipal, q: ListQuery) {
  const rows = await prisma.approval.findMany({
    where: listWhere(q, new Date()),
    // The id breaks ties between requests of the same millisecond, so pages neither repeat nor skip a row.
    orderBy: [{ createdAt: q.status === "PENDING" ? "asc" : "desc" }, { id: "asc" }],
    skip: q.offset ?? 0,
    take: q.limit,
    include: { votes: true },
  });
  return rows.map((r) => present(r, principal));
}

/** How many requests match the list's filters, whatever page is shown. */
export async function countApprovals(prisma: PrismaClient, q: ListQuery) {
  return prisma.approval.count({ where: listWhere(q, new Date()) });
}

export async function approvalDetail(prisma: PrismaClient, principal: UserPrincipal, id: string) {
  const a = await prisma.approval.findUnique({ where: { id }, include: { votes: { orderBy: { at: "asc" } } } });
  if (!a) throw NotFound("The approval");
  const history = await prisma.decisionRecord.findMany({
    where: { clientId: a.clientId },
    orderBy: { seq: "desc" },
    take: 10,
    select: { id: true, at: true, server: true, tool: true, outcome: true, reason: true, ruleId: true },
  });
  return { ...present(a, principal), recent_decisions: history };
}

export async function pendingSummary(prisma: PrismaClient) {
  const now = new Date();
  const [pending, oldest] = await Promise.all([
    prisma.approval.count({ where: { status: "PENDING", expiresAt: { gt: now } } }),
    prisma.approval.findFirst({
      where: { status: "PENDING", expiresAt: { gt: now } },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true },
    }),
  ]);
  return { pending, oldest_waiting_since: oldest?.createdAt ?? null };
}
