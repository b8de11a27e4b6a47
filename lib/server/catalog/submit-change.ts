import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "../audit";
import { changeTransaction } from "../change-feed";
import { createChangeRequest, registerChangeApplier } from "../change-requests";
import type { UserPrincipal } from "../principal";
import { applyCatalogOp, CATALOG_CHANGE_KIND, describeOp, type CatalogOp } from "./operations";

class DryRunRollback extends Error {}

registerChangeApplier(CATALOG_CHANGE_KIND, async (tx, payload, ctx) => {
  const result = await applyCatalogOp(tx, payload as unknown as CatalogOp, ctx.actor, {
    reviewedBy: ctx.reviewer.email,
    changeRequestId: ctx.request.id,
  });
  await ctx.announce({ kind: "catalog" });
  return { server_id: result.id, name: result.name, environment: result.environment };
});

export type SubmitResult =
  | { applied: true; server: Awaited<ReturnType<typeof applyCatalogOp>> }
  | {
      applied: false;
      change_request: { id: string; kind: string; environment: string; title: string; status: string };
    };

/**
 * docs/operations.md#reviewed-changes: a policy author's change to production becomes a change request another person
 * approves (checked now by a dry run, so a request that cannot apply is refused at once);
 * an admin's applies at once, marked unreviewed. Suspending is never held for review.
 */
export async function submitCatalogChange(
  prisma: PrismaClient,
  principal: UserPrincipal,
  actor: Actor,
  op: CatalogOp,
): Promise<SubmitResult> {
  const { environment, title } = await describeOp(prisma, op);
  const safetyAction = op.op === "set_status" && op.status === "suspended";
  if (environment === "production" && principal.role !== "admin" && !safetyAction) {
    await prisma
      .$transaction(async (tx) => {
        await applyCatalogOp(tx, op, actor);
        throw new DryRunRollback();
      })
      .catch((e) => {
        if (!(e instanceof DryRunRollback)) throw e;
      });
    const request = await prisma.$transaction((tx) =>
      createChangeRequest(tx, {
        kind: CATALOG_CHANGE_KIND,
        environment,
        title,
        payload: op as unknown as Prisma.InputJsonValue,
        requester: principal,
      }),
    );
    return {
      applied: false,
      change_request: {
        id: request.id,
        kind: request.kind,
        environment: request.environment,
        title: request.title,
        status: request.status,
      },
    };
  }
  // This process sees the change at once (decisions, the gateway's tool list); others when they hear the announcement.
  const server = await changeTransaction(prisma, async (tx, announce) => {
    await announce({ kind: "catalog" });
    return applyCatalogOp(tx, op, actor, { unreviewed: environment === "production" && !safetyAction });
  });
  return { applied: true, server };
}

/** 201/200 with the server when applied; 202 with the change request when held for review. */
export function submitResponse(result: SubmitResult, createdStatus = 200): Response {
  if (result.applied) return Response.json(result.server, { status: createdStatus });
  return Response.json({ status: "pending_review", change_request: result.change_request }, { status: 202 });
}
