import "server-only";
import { processSingleton } from "./singleton";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { can } from "@/lib/auth/permissions";
import { writeAudit, type Actor, type Tx } from "./audit";
import { changeTransaction, type Announce } from "./change-feed";
import { Conflict, Forbidden, NotFound, Unprocessable } from "./errors";
import type { UserPrincipal } from "./principal";

/**
 * Reviewed changes to production (docs/operations.md#reviewed-changes), generic over what is changed: each kind
 * registers an applier that performs the change inside the approving transaction.
 */
export type ChangeApplier = (
  tx: Tx,
  payload: Prisma.JsonValue,
  ctx: { request: ChangeRequestRow; reviewer: UserPrincipal; actor: Actor; announce: Announce },
) => Promise<Prisma.InputJsonValue>;

type ChangeRequestRow = Awaited<ReturnType<PrismaClient["changeRequest"]["findUniqueOrThrow"]>>;

const appliers = processSingleton("changeAppliers", () => new Map<string, ChangeApplier>());

export function registerChangeApplier(kind: string, apply: ChangeApplier): void {
  appliers.set(kind, apply);
}

export function actorOf(p: UserPrincipal): Actor {
  return { type: p.via === "api_token" ? "api_token" : "user", id: p.userId, label: p.email };
}

export async function createChangeRequest(
  tx: Tx,
  input: {
    kind: string;
    environment: Environment;
    title: string;
    payload: Prisma.InputJsonValue;
    requester: UserPrincipal;
  },
) {
  const row = await tx.changeRequest.create({
    data: {
      kind: input.kind,
      environment: input.environment,
      title: input.title,
      payload: input.payload,
      requestedById: input.requester.userId,
      requestedBy: input.requester.email,
    },
  });
  await writeAudit(tx, {
    actor: actorOf(input.requester),
    action: "change_request.created",
    environment: input.environment,
    target: { type: "change_request", id: row.id },
    data: { kind: input.kind, title: input.title },
  });
  return row;
}

export async function listChangeRequests(
  prisma: PrismaClient,
  status?: "PENDING" | "APPROVED" | "REJECTED" | "CANCELLED",
) {
  return prisma.changeRequest.findMany({
    where: status ? { status } : {},
    orderBy: { createdAt: status === "PENDING" ? "asc" : "desc" },
    take: 200,
  });
}

/** Approve (applying the change in the same transaction) or reject; the reviewer is never the requester. */
export async function decideChangeRequest(
  prisma: PrismaClient,
  id: string,
  reviewer: UserPrincipal,
  decision: { approve: boolean; reason?: string },
) {
  if (!can(reviewer.role, "policies:review")) throw Forbidden("Only policy authors and admins review changes.");
  await import("./change-appliers");
  if (!decision.approve && !decision.reason?.trim())
    throw Unprocessable("A reason is required to reject.", [{ path: "reason", message: "required" }]);
  return changeTransaction(prisma, async (tx, announce) => {
    // Row lock: two reviewers on two processes cannot both decide the same request.
    const locked = await tx.$queryRawUnsafe<{ id: string }[]>(
      `SELECT id FROM change_requests WHERE id = $1::uuid FOR UPDATE`,
      id,
    );
    if (locked.length === 0) throw NotFound("The change request");
    const request = await tx.changeRequest.findUniqueOrThrow({ where: { id } });
    if (request.status !== "PENDING")
      throw Conflict(`This change request is already ${request.status.toLowerCase()}.`, "already-decided");
    if (request.requestedById === reviewer.userId)
      throw Forbidden("You cannot review your own change; another person must.");
    const actor = actorOf(reviewer);
    let result: Prisma.InputJsonValue | undefined;
    if (decision.approve) {
      const apply = appliers.get(request.kind);
      if (!apply) throw Conflict(`No handler is registered for changes of kind ${request.kind}.`);
      result = await apply(tx, request.payload, { request, reviewer, actor, announce });
    }
    const updated = await tx.changeRequest.update({
      where: { id },
      data: {
        status: decision.approve ? "APPROVED" : "REJECTED",
        decidedById: reviewer.userId,
        decidedBy: reviewer.email,
        decidedAt: new Date(),
        reason: decision.reason ?? null,
        result,
      },
    });
    await writeAudit(tx, {
      actor,
      action: decision.approve ? "change_request.approved" : "change_request.rejected",
      environment: request.environment,
      target: { type: "change_request", id },
      data: {
        kind: request.kind,
        title: request.title,
        requested_by: request.requestedBy,
        reason: decision.reason ?? null,
      },
    });
    return updated;
  });
}
