import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { maskArguments } from "@/lib/output-safety/mask";
import { requestHashParts, type Environment } from "@/lib/policy";
import type { DecisionRequest } from "@/lib/schemas/decisions";
import type { CatalogTool } from "../catalog/catalog-view";
import type { AgentPrincipal } from "../identity/token-guard";
import type { LoadedPolicy } from "../policies/current-policy";
import { approvalView, type ApprovalRow } from "./approvals";
import type { Decision, DecisionAnswer, Replay, Verdict } from "./decision";
import { decisionWriter, type DecisionRow, type PriorAnswer } from "./decision-writer";
import { decisionFactsOf } from "./report-result";

/** One agent call under decision: described once, before any check. */
export interface CallUnderDecision {
  decisionId: string;
  at: Date;
  /** performance.now() when the request arrived (the row's latency counts from here). */
  started: number;
  agent: AgentPrincipal;
  environment: Environment;
  request: DecisionRequest;
  args: Record<string, unknown>;
  requestHash: string;
  /** The canonical JSON of the arguments (the request hash's text), reused by the chain when masking changed nothing. */
  argumentsJson: string;
  masked?: unknown;
}

/** What the checks consulted: the catalog's tool (when catalogued) and the current policy (when there is one). */
export interface CheckedAgainst {
  tool: CatalogTool | null;
  policy: LoadedPolicy | null;
}

export type ApprovalRef = Pick<ApprovalRow, "id" | "status" | "expiresAt">;

export function describeCall(agent: AgentPrincipal, request: DecisionRequest, started: number): CallUnderDecision {
  const environment = agent.environment as Environment;
  const args = request.arguments ?? {};
  const { hash, argumentsJson } = requestHashParts({
    environment,
    agent: agent.clientId,
    server: request.server,
    tool: request.tool,
    arguments: args,
  });
  return {
    decisionId: randomUUID(),
    at: new Date(),
    started,
    agent,
    environment,
    request,
    args,
    requestHash: hash,
    argumentsJson,
  };
}

/** The arguments as stored (secrets masked), computed once per call. */
export function maskedArguments(call: CallUnderDecision): Prisma.InputJsonValue {
  if (call.masked === undefined) call.masked = maskArguments(call.args);
  return call.masked as Prisma.InputJsonValue;
}

/**
 * The answer to a decided call — the one place it is built, for every verdict and every edge (a
 * signed receipt for ALLOW answers belongs here). Objects on this path are written out field by
 * field: on this V8, `{ ...a, more }` costs microseconds per added field.
 */
export function decisionAnswer(
  call: CallUnderDecision,
  checked: CheckedAgainst,
  v: Verdict,
  approval: ApprovalRef | null,
): DecisionAnswer {
  const policy = checked.policy;
  const answer: DecisionAnswer = {
    decision_id: call.decisionId,
    decision: v.decision,
    outcome: v.outcome,
    rule_id: v.ruleId,
    reason: v.reason,
    constraints: v.constraints,
    policy: policy ? { version: policy.version, hash: policy.hash } : null,
    request_hash: call.requestHash,
    approval: approval ? approvalView(approval) : null,
  };
  if (call.request.trace) answer.trace = v.trace ?? [];
  return answer;
}

/** The decision row, built once: what the chain covers, with the answer it stores (serialised once). */
export function decisionRow(
  call: CallUnderDecision,
  checked: CheckedAgainst,
  v: Verdict,
  approval: ApprovalRef | null,
): DecisionRow {
  const answer = decisionAnswer(call, checked, v, approval);
  const masked = maskedArguments(call);
  return {
    id: call.decisionId,
    at: call.at,
    environment: call.environment,
    agentId: call.agent.agentId,
    clientId: call.agent.clientId,
    server: call.request.server,
    tool: call.request.tool,
    action: checked.tool?.action ?? null,
    risk: checked.tool?.risk ?? null,
    policyVersion: checked.policy?.version ?? null,
    policyHash: checked.policy?.hash ?? null,
    requestHash: call.requestHash,
    arguments: masked,
    // Masking changed nothing (the common case): the chain reuses the hash's canonical text.
    argumentsJson: masked === call.args ? call.argumentsJson : undefined,
    idempotencyKey: call.request.idempotency_key ?? null,
    tokenJti: call.agent.jti,
    decision: v.decision,
    outcome: v.outcome,
    ruleId: v.ruleId,
    reason: v.reason,
    constraints: v.constraints as Prisma.InputJsonValue,
    approvalId: approval?.id ?? null,
    latencyMs: performance.now() - call.started,
    httpStatus: 200,
    response: answer as unknown as Prisma.InputJsonValue,
    responseJson: JSON.stringify(answer),
  };
}

/** The decision a row records, as a value. */
export function decisionOf(row: DecisionRow): Decision {
  const answer = row.response as unknown as DecisionAnswer;
  return {
    kind: "decision",
    decisionId: row.id,
    verdict: answer.decision,
    outcome: answer.outcome,
    ruleId: answer.rule_id,
    reason: answer.reason,
    constraints: answer.constraints,
    approvalId: row.approvalId ?? null,
    requestHash: row.requestHash,
    answer,
    answerJson: row.responseJson ?? JSON.stringify(answer),
    facts: decisionFactsOf(row),
  };
}

export function replayOf(prior: PriorAnswer): Replay {
  return { kind: "replay", httpStatus: prior.httpStatus, answer: prior.response };
}

/**
 * docs/order-of-checks.md#7-record: the row is written durably (group-committed with concurrent decisions) before
 * the answer. With `overlap`, an allowed read is answered at once and `durable` settles when the
 * row is written; a repeat of an idempotency key gets the first answer instead.
 */
export async function recordDecision(
  prisma: PrismaClient,
  row: DecisionRow,
  overlap = false,
): Promise<Decision | Replay> {
  const writing = decisionWriter(prisma).write(row);
  if (overlap) {
    const decision = decisionOf(row);
    decision.durable = writing.then(() => undefined);
    return decision;
  }
  const prior = await writing;
  return prior ? replayOf(prior) : decisionOf(row);
}
