import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { NotFound } from "../errors";
import { approvalView } from "./approvals";

export const MAX_WAIT_SEC = 30;
const POLL_MS = 250;

/** GET /api/v1/approvals/{id}: the agent's own approval; `wait` long-polls while it is PENDING. */
export async function approvalStatusForAgent(
  prisma: PrismaClient,
  id: string,
  clientId: string,
  waitSec: number,
  signal?: AbortSignal,
) {
  const deadline = Date.now() + Math.min(Math.max(waitSec, 0), MAX_WAIT_SEC) * 1000;
  for (;;) {
    const a = await prisma.approval.findUnique({ where: { id } });
    if (!a || a.clientId !== clientId) throw NotFound("The approval");
    const expired = a.status === "PENDING" && a.expiresAt <= new Date();
    const status = expired ? "EXPIRED" : a.status;
    if (status !== "PENDING" || Date.now() >= deadline || signal?.aborted) {
      return {
        ...approvalView(a),
        status,
        decided_by: a.decidedBy,
        decided_at: a.decidedAt?.toISOString() ?? null,
        reason: expired ? "approval_timeout" : (a.decisionReason ?? a.voidedReason ?? null),
        server: a.server,
        tool: a.tool,
        request_hash: a.requestHash,
        policy: { version: a.policyVersion, hash: a.policyHash },
        approvals_required: a.approvalsRequired,
        // Edit-and-approve: only this exact call is allowed (re-submit it with approval_id).
        approved_arguments: a.approvedArguments ?? null,
        scope: a.scope,
        window_ends_at: a.windowEndsAt?.toISOString() ?? null,
      };
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
