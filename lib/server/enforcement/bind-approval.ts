import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { outcomeOf } from "@/lib/policy";
import { lockPartsInTx, partsLock, tryLockPartsInTx } from "../advisory-locks";
import type { Tx } from "../audit";
import type { CatalogTool } from "../catalog/catalog-view";
import type { LoadedPolicy } from "../policies/current-policy";
import { processSingleton } from "../singleton";
import {
  activeWindowApproval,
  consumeGrant,
  grantInUse,
  openOrReuseApproval,
  reusableApproval,
  voidApprovals,
  type ApprovalRow,
  type GrantCheck,
} from "./approvals";
import { approvalBindingHash, isWindowScope } from "./binding";
import { denyWith, type Decision, type Replay, type Verdict } from "./decision";
import {
  decisionOf,
  decisionRow,
  maskedArguments,
  recordDecision,
  type CallUnderDecision,
  type CheckedAgainst,
} from "./decision-row";
import { writeDecisionsInTx } from "./decision-writer";

/** A call the policy sends to approval, with what it was checked against (both known on this path). */
interface HeldCall {
  call: CallUnderDecision;
  checked: CheckedAgainst & { tool: CatalogTool; policy: LoadedPolicy };
  verdict: Verdict;
  /** What an approval of this call binds to (docs/approvals.md#binding): the whole call, or a standing approval's bound arguments. */
  bindHash: string;
}

/**
 * Slow-path transactions of this process that may open an approval, by call (agent, bound
 * request, policy). Concurrent first asks of one call would otherwise queue on its advisory
 * lock one transaction at a time; the others wait for the first and then take the fast path
 * with the approval it opened. (Other processes still meet at the advisory lock.)
 */
const opening = processSingleton("approvalOpening", () => new Map<string, Promise<unknown>>());

/**
 * docs/order-of-checks.md#6-approval-binding with step 7 for a REQUIRE_APPROVAL verdict: the call is bound to an approval — an
 * open one reused, a granted one consumed, or a new one opened — and its decision row is written
 * in the same transaction as the approval change.
 */
export async function bindApproval(
  prisma: PrismaClient,
  call: CallUnderDecision,
  checked: HeldCall["checked"],
  verdict: Verdict,
): Promise<Decision | Replay> {
  const { agent, request, args } = call;
  // A standing approval binds to the call with only its bound arguments; a single-use one to the whole call.
  const bindHash = approvalBindingHash(
    { environment: call.environment, agent: agent.clientId, server: request.server, tool: request.tool },
    args,
    verdict.constraints,
    call.requestHash,
  );
  const held: HeldCall = { call, checked, verdict, bindHash };
  const plain = !request.approval_id && !isWindowScope(verdict.constraints);
  const callKey = `${agent.clientId}\u0000${bindHash}\u0000${checked.policy.hash}`;
  if (plain) {
    const reused = await reuseOpenApproval(prisma, held, callKey);
    if (reused) return reused;
  }
  const slow = prisma.$transaction((tx) => bindInTx(tx, held));
  if (plain && !opening.has(callKey)) {
    opening.set(callKey, slow);
    slow.finally(() => opening.delete(callKey)).catch(() => undefined);
  }
  const bound = await slow;
  if (bound.kind !== "in-use") return bound;
  // No state changed: the decision row joins the next batch instead of a transaction of its own.
  const { verdict: v, approval } = grantVerdict(verdict, bound.grant);
  return recordDecision(prisma, decisionRow(call, checked, v, approval));
}

/** The lock a decision of this call takes (class, key), for tests that hold it as another host's transaction would. */
export const callLockOf = (clientId: string, bindHash: string) => partsLock("PENDING_CALL", clientId, bindHash);

/** A parallel consumer of the same single-use approval holds the call: answered from its saved state. */
interface InUse {
  kind: "in-use";
  grant: Extract<GrantCheck, { ok: false }>;
}

/** The common repeat: the same call is already waiting for (or holds) an approval under this policy. */
async function reuseOpenApproval(
  prisma: PrismaClient,
  { call, checked, verdict, bindHash }: HeldCall,
  callKey: string,
): Promise<Decision | Replay | null> {
  const clientId = call.agent.clientId;
  let open = await reusableApproval(prisma, clientId, bindHash, checked.policy.hash, call.at);
  const first = opening.get(callKey);
  if (!open && first) {
    // The same call is being opened by another request of this process: wait for it, then reuse its approval.
    await first.catch(() => undefined);
    open = await reusableApproval(prisma, clientId, bindHash, checked.policy.hash, call.at);
  }
  return open ? recordDecision(prisma, decisionRow(call, checked, verdict, open)) : null;
}

/** The slow path, in one transaction with the decision row. */
async function bindInTx(tx: Tx, held: HeldCall): Promise<Decision | Replay | InUse> {
  const { call, bindHash } = held;
  const clientId = call.agent.clientId;
  const key = call.request.idempotency_key;
  // A single-use approval's consumers meet at the call's lock: the ones that find it taken answer at once.
  const approvalId = call.request.approval_id;
  const consumeOnce = approvalId !== undefined && !isWindowScope(held.verdict.constraints);
  // Concurrent repeats (same key, or the same pending call) wait here, across processes, so they
  // find the first one's row and approval instead of racing it to a unique violation.
  if (key) await lockPartsInTx(tx, "IDEMPOTENCY_KEY", clientId, key);
  const locked = consumeOnce && (await tryLockPartsInTx(tx, "PENDING_CALL", clientId, bindHash));
  if (!consumeOnce) await lockPartsInTx(tx, "PENDING_CALL", clientId, bindHash);
  if (key) {
    const prior = await tx.decisionRecord.findUnique({
      where: { clientId_idempotencyKey: { clientId, idempotencyKey: key } },
      select: { response: true },
    });
    // The slow path answers a repeat with 200 and the first answer, whatever status that one had.
    if (prior) return { kind: "replay", httpStatus: 200, answer: prior.response };
  }
  if (consumeOnce && !locked) {
    // Queueing behind a parallel consumer (each holding a pool connection) passed the answer bound
    // under load; only a policy change, which voids and reopens, still needs the lock.
    const grant = await grantInUse(tx, approvalId, grantBind(held), call.at);
    if (grant.reason !== "approval_policy_changed") return { kind: "in-use", grant };
    await lockPartsInTx(tx, "PENDING_CALL", clientId, bindHash);
  }
  let { verdict, approval } = await applyGrant(tx, held);
  if (verdict.decision === "REQUIRE_APPROVAL" && !approval) approval = await openApproval(tx, held);
  const row = decisionRow(call, held.checked, verdict, approval);
  await writeDecisionsInTx(tx, [row]);
  return decisionOf(row);
}

/**
 * The approval the call names (or, for a standing approval, the window that covers it), checked
 * and consumed: granted → ALLOW, still pending → held, anything else → DENY with its reason; an
 * approval of an earlier policy is voided and the call asks anew.
 */
async function applyGrant(tx: Tx, held: HeldCall): Promise<{ verdict: Verdict; approval: ApprovalRow | null }> {
  const { call, checked, verdict, bindHash } = held;
  const clientId = call.agent.clientId;
  const approvalId =
    call.request.approval_id ??
    (isWindowScope(verdict.constraints)
      ? await activeWindowApproval(tx, clientId, bindHash, checked.policy.hash, call.at)
      : undefined);
  if (!approvalId) return { verdict, approval: null };
  const grant = await consumeGrant(tx, approvalId, grantBind(held), call.at);
  if (!grant.ok && grant.reason === "approval_policy_changed") {
    await voidApprovals(tx, [grant.approval!], "policy_changed", checked.policy.hash);
    return { verdict, approval: null };
  }
  return grantVerdict(verdict, grant);
}

const grantBind = ({ call, checked, bindHash }: HeldCall) => ({
  clientId: call.agent.clientId,
  requestHash: bindHash,
  policyHash: checked.policy.hash,
  decisionId: call.decisionId,
});

/** Granted → ALLOW, still pending → held, anything else → DENY with its reason. */
function grantVerdict(verdict: Verdict, grant: GrantCheck): { verdict: Verdict; approval: ApprovalRow | null } {
  if (grant.ok) {
    const outcome = outcomeOf("ALLOW", verdict.constraints);
    return {
      verdict: { ...verdict, decision: "ALLOW", outcome, reason: "approval_granted" },
      approval: grant.approval,
    };
  }
  if (grant.reason === "approval_pending")
    return { verdict: { ...verdict, reason: "approval_pending" }, approval: grant.approval ?? null };
  return { verdict: denyWith(grant.reason, verdict.trace), approval: grant.approval ?? null };
}

async function openApproval(tx: Tx, { call, checked, verdict, bindHash }: HeldCall): Promise<ApprovalRow> {
  const opened = await openOrReuseApproval(
    tx,
    {
      environment: call.environment,
      agentId: call.agent.agentId,
      clientId: call.agent.clientId,
      agentName: call.agent.name,
      agentOwner: call.agent.owner,
      server: call.request.server,
      tool: call.request.tool,
      action: checked.tool.action,
      risk: checked.tool.risk,
      maskedArguments: maskedArguments(call),
      requestHash: bindHash,
      policyHash: checked.policy.hash,
      policyVersion: checked.policy.version,
      ruleId: verdict.ruleId,
      constraints: verdict.constraints,
      decisionId: call.decisionId,
    },
    call.at,
  );
  return opened.approval;
}
