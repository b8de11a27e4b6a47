import "server-only";
import {
  CallToolResultSchema,
  ErrorCode,
  McpError,
  type CallToolRequest,
  type CallToolResult,
} from "@modelcontextprotocol/sdk/types.js";
import { QUARANTINED_OUTPUT } from "@/lib/output-safety/inspect";
import type { Constraints } from "@/lib/policy";
import { approvalStatusForAgent } from "../enforcement/approval-status";
import { decide } from "../enforcement/decide";
import type { DecisionAnswer as Answer, DecisionResult } from "../enforcement/decision";
import { reportResult, type DecisionFacts } from "../enforcement/report-result";
import { gatewayError, GatewayErrorCode, stripMcpPrefix } from "./errors";
import { RECEIPT_META_KEY } from "@/lib/receipt-verifier";
import { withReceipt } from "../receipts/issue-receipt";
import { SpanKind } from "@opentelemetry/api";
import { gatewayDecision } from "../telemetry/decision-span";
import { ATTR, SPAN, traced, withTraceFields } from "../telemetry/spans";
import type { AgentExtra, CallContext } from "./call-context";

export type { AgentExtra, CallContext } from "./call-context";

/** The decision answer (docs/agent-api.md#decisions) (the same one POST /api/v1/decisions sends), with what the gateway keeps of the row. */
interface DecisionAnswer extends Answer {
  /** The written row's facts, handed to reportResult so it need not read them back (never sent to the agent). */
  facts?: DecisionFacts;
  /** An allowed read answered before its row is durable: settles when it is (see Decision.durable). */
  durable?: Promise<void>;
  /** The signed receipt of an allowed call, sent upstream in `_meta` (and as a header over HTTP). */
  receipt?: string;
}

/** `_meta` key under which results carry the gateway's decision and output-safety verdict. */
export const META_KEY = "governance-console/decision";
/** Without constraints an upstream call may run this long. */
export const DEFAULT_CALL_TIMEOUT_MS = 300_000;
const PROGRESS_EVERY_SEC = 10;

/**
 * tools/call through the gateway: the same decision and audit row as POST /api/v1/decisions,
 * approval holds and grants, the upstream call under the policy's constraints, and the result
 * through the same code as POST /api/v1/decisions/{id}/result (output safety) before the agent sees it.
 *
 * A retry after approval carries the approval either as `_meta.approval_id`, or not at all: an
 * identical call (same request hash) finds its APPROVED approval and consumes it. Either way
 * the grant is consumed exactly once.
 */
export async function enforceToolCall(
  ctx: CallContext,
  request: CallToolRequest,
  extra: AgentExtra,
): Promise<CallToolResult> {
  const started = performance.now();
  const { name, arguments: args = {}, _meta } = request.params;
  if (name.length > 200) throw new McpError(ErrorCode.InvalidParams, "The tool name is too long.");
  const approvalId = typeof _meta?.approval_id === "string" ? _meta.approval_id : undefined;
  if (approvalId !== undefined && !/^[0-9a-f-]{36}$/i.test(approvalId))
    throw new McpError(ErrorCode.InvalidParams, "_meta.approval_id must be an approval id (UUID).");

  let d = await decideToolCall(ctx, name, args, approvalId, started);
  if (d.decision === "REQUIRE_APPROVAL" && d.approval?.status === "APPROVED")
    d = await decideToolCall(ctx, name, args, d.approval.id, performance.now());
  if (d.decision === "REQUIRE_APPROVAL" && d.approval && ctx.approvalWaitSec > 0) {
    const status = await holdForApproval(ctx, d.approval, extra);
    if (status === "APPROVED") d = await decideToolCall(ctx, name, args, d.approval.id, performance.now());
    else if (status !== "PENDING") throw denied({ ...d, decision: "DENY", reason: `approval_${status.toLowerCase()}` });
  }
  if (d.decision === "DENY") throw denied(d);
  if (d.decision === "REQUIRE_APPROVAL") throw approvalRequired(d);
  return forward(ctx, d, name, args, _meta, extra);
}

async function decideToolCall(
  ctx: CallContext,
  tool: string,
  args: Record<string, unknown>,
  approvalId: string | undefined,
  started: number,
): Promise<DecisionAnswer> {
  let result: DecisionResult;
  try {
    // A read may run upstream while its decision is being written (forward() withholds it until then).
    result = await gatewayDecision(ctx.trace, (trace) =>
      decide(
        ctx.prisma,
        ctx.agent,
        { server: ctx.server, tool, arguments: args, ...(approvalId ? { approval_id: approvalId } : {}) },
        { started, overlapReads: true, trace },
      ),
    );
    // Signed while an overlapped read's row is being written (forward() handles that write's failure).
    if (result.kind === "decision") result.durable?.catch(() => undefined);
    result = await withReceipt(ctx.prisma, ctx.agent, { server: ctx.server, tool }, result);
  } catch {
    throw decisionUnrecorded();
  }
  return answerOrThrow(result);
}

/** The gateway's edge of a decision: a decided call's answer, or the JSON-RPC error for anything else. */
function answerOrThrow(result: DecisionResult): DecisionAnswer {
  switch (result.kind) {
    case "decision":
      return { ...result.answer, facts: result.facts, durable: result.durable, receipt: result.receipt };
    case "replay":
      if (result.httpStatus === 200) return result.answer as unknown as DecisionAnswer;
      break;
    case "refused":
      if (result.problem.status === 403)
        throw gatewayError(GatewayErrorCode.InsufficientScope, result.problem.detail ?? "Insufficient scope.", {
          reason: "insufficient_scope",
          scope: result.problem.extra.scope,
        });
      break;
    case "unrecorded":
      throw decisionUnrecorded();
  }
  throw gatewayError(GatewayErrorCode.AuditUnavailable, "The call could not be decided, so it is denied.", {
    decision: "DENY",
    reason: "unavailable",
  });
}

/** Fail closed: the decision has no durable row, so the call is denied (docs/order-of-checks.md#7-record). */
function decisionUnrecorded(): McpError {
  return gatewayError(GatewayErrorCode.AuditUnavailable, "The decision could not be recorded, so the call is denied.", {
    decision: "DENY",
    reason: "audit_unavailable",
  });
}

function decisionData(d: DecisionAnswer) {
  return {
    decision_id: d.decision_id,
    decision: d.decision,
    outcome: d.outcome,
    rule_id: d.rule_id,
    reason: d.reason,
    request_hash: d.request_hash,
    approval: d.approval,
  };
}

function denied(d: DecisionAnswer): McpError {
  return gatewayError(
    GatewayErrorCode.Denied,
    `Denied by the MCP governance console: ${d.reason}${d.rule_id ? ` (rule ${d.rule_id})` : ""}.`,
    decisionData(d),
  );
}

function approvalRequired(d: DecisionAnswer): McpError {
  const a = d.approval!;
  return gatewayError(
    GatewayErrorCode.ApprovalRequired,
    `This call needs a human approval (${d.rule_id ?? "policy"}): ${a.url}. Once it is approved, repeat the identical call (or add _meta.approval_id "${a.id}"); the approval is good for one call.`,
    { ...decisionData(d), retry: { _meta: { approval_id: a.id } } },
  );
}

/** Long-polls the approval row until it is decided, the wait ends or the agent cancels; progress keeps the agent's request alive. */
async function holdForApproval(
  ctx: CallContext,
  approval: NonNullable<DecisionAnswer["approval"]>,
  extra: AgentExtra,
): Promise<string> {
  const deadline = Date.now() + ctx.approvalWaitSec * 1000;
  const progressToken = extra._meta?.progressToken;
  let step = 0;
  for (;;) {
    const left = Math.ceil((deadline - Date.now()) / 1000);
    const status = await approvalStatusForAgent(
      ctx.prisma,
      approval.id,
      ctx.agent.clientId,
      Math.max(0, Math.min(left, PROGRESS_EVERY_SEC)),
      extra.signal,
    );
    if (status.status !== "PENDING" || Date.now() >= deadline || extra.signal.aborted) return status.status;
    if (progressToken !== undefined) {
      step += 1;
      await extra
        .sendNotification({
          method: "notifications/progress",
          params: { progressToken, progress: step, message: `Waiting for approval: ${approval.url}` },
        })
        .catch(() => {});
    }
  }
}

type Attempt =
  | { status: "ok" | "error"; result: CallToolResult }
  | { status: "error"; error: McpError }
  | { status: "timeout" }
  | { status: "cancelled" };

/** Failures where the upstream never produced an answer (transport, connection): the ones max_retries may retry. */
function retryable(err: unknown): boolean {
  return !(err instanceof McpError) || err.code === ErrorCode.ConnectionClosed;
}

async function callUpstream(
  ctx: CallContext,
  name: string,
  args: Record<string, unknown>,
  meta: Record<string, unknown>,
  constraints: Constraints,
  extra: AgentExtra,
  signal: AbortSignal,
): Promise<Attempt> {
  const budgetMs =
    constraints.max_runtime_sec !== undefined ? constraints.max_runtime_sec * 1000 : DEFAULT_CALL_TIMEOUT_MS;
  const retries = constraints.max_retries ?? 0;
  const end = performance.now() + budgetMs;
  const progressToken = extra._meta?.progressToken;
  const onprogress =
    progressToken === undefined
      ? undefined
      : (p: { progress: number; total?: number; message?: string }) =>
          void extra
            .sendNotification({ method: "notifications/progress", params: { ...p, progressToken } })
            .catch(() => {});
  for (let attempt = 0; ; attempt++) {
    const left = end - performance.now();
    if (left <= 0) return { status: "timeout" };
    try {
      // The SDK's timeout cancels the upstream call (notifications/cancelled) when the budget runs out.
      const result = await traced(
        SPAN.upstream,
        ctx.trace,
        (trace) => {
          // The upstream continues the trace: traceparent in _meta (and as a header over HTTP).
          const sent = withTraceFields(meta, trace);
          return ctx.upstream.request(
            {
              method: "tools/call",
              params: { name, arguments: args, ...(Object.keys(sent).length ? { _meta: sent } : {}) },
            },
            CallToolResultSchema,
            { signal, timeout: left, maxTotalTimeout: left, onprogress, ...ctx.upstreamOptions },
          );
        },
        { [ATTR.mcpMethod]: "tools/call", [ATTR.genAiTool]: name, [ATTR.server]: ctx.server },
        SpanKind.CLIENT,
      );
      return { status: result.isError ? "error" : "ok", result: result as CallToolResult };
    } catch (err) {
      if (signal.aborted) return { status: "cancelled" };
      if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) return { status: "timeout" };
      if (attempt < retries && retryable(err)) continue;
      if (err instanceof McpError) return { status: "error", error: err };
      return {
        status: "error",
        error: gatewayError(
          GatewayErrorCode.UpstreamUnavailable,
          `The upstream server ${ctx.server} could not be reached.`,
          { reason: "upstream_unavailable" },
        ),
      };
    }
  }
}

/**
 * What an overlapped read runs under: one signal for both causes to cancel it, the agent's cancel
 * and its decision row failing (AbortSignal.any costs ~45 µs a call here), and whether the row was
 * recorded. `release` drops the listener on the agent's signal once the call is over.
 */
function overlapped(agentSignal: AbortSignal, durable: Promise<void>) {
  const cancel = new AbortController();
  const onAgentAbort = () => cancel.abort(agentSignal.reason);
  if (agentSignal.aborted) onAgentAbort();
  else agentSignal.addEventListener("abort", onAgentAbort, { once: true });
  const recorded = durable.then(
    () => true,
    () => (cancel.abort(), false),
  );
  return { signal: cancel.signal, recorded, release: () => agentSignal.removeEventListener("abort", onAgentAbort) };
}

async function forward(
  ctx: CallContext,
  d: DecisionAnswer,
  name: string,
  args: Record<string, unknown>,
  meta: CallToolRequest["params"]["_meta"],
  extra: AgentExtra,
): Promise<CallToolResult> {
  const { approval_id: _a, progressToken: _p, ...forwardMeta } = meta ?? {};
  // The console's receipt, never one the agent brought.
  if (d.receipt) forwardMeta[RECEIPT_META_KEY] = d.receipt;
  else delete forwardMeta[RECEIPT_META_KEY];
  const t0 = performance.now();
  // An allowed read runs while its decision row is written. If the row cannot be written the read
  // is cancelled and nothing of it reaches the agent: the call is denied as audit_unavailable.
  const overlap = d.durable ? overlapped(extra.signal, d.durable) : undefined;
  let attempt: Attempt;
  try {
    attempt = await callUpstream(ctx, name, args, forwardMeta, d.constraints, extra, overlap?.signal ?? extra.signal);
  } finally {
    overlap?.release();
  }
  const duration_ms = Math.round(performance.now() - t0);
  if (overlap && !(await overlap.recorded)) {
    throw decisionUnrecorded();
  }
  const output =
    attempt.status === "timeout" || attempt.status === "cancelled"
      ? undefined
      : "result" in attempt
        ? attempt.result
        : { error: { code: attempt.error.code, message: attempt.error.message, data: attempt.error.data } };
  const verdict = await recordResult(ctx, d, attempt, output, duration_ms);
  return resultForAgent(d, attempt, output, verdict);
}

type ResultVerdict = Awaited<ReturnType<typeof reportResult>>;

/** The result row and output safety, as for POST /api/v1/decisions/{id}/result; unrecorded, the output is withheld. */
async function recordResult(
  ctx: CallContext,
  d: DecisionAnswer,
  attempt: Attempt,
  output: unknown,
  duration_ms: number,
): Promise<ResultVerdict> {
  try {
    const status = attempt.status === "ok" ? "ok" : attempt.status === "timeout" ? "timeout" : "error";
    return await traced(SPAN.inspect, ctx.trace, () =>
      reportResult(ctx.prisma, ctx.agent, d.decision_id, { status, duration_ms, output }, d.facts, {
        writeBehind: true,
      }),
    );
  } catch {
    throw gatewayError(
      GatewayErrorCode.AuditUnavailable,
      "The tool's result could not be recorded, so it is withheld.",
      { decision_id: d.decision_id, reason: "audit_unavailable" },
    );
  }
}

/** What the agent gets of the upstream's answer: stamped with the decision, redacted or quarantined as judged. */
function resultForAgent(d: DecisionAnswer, attempt: Attempt, output: unknown, verdict: ResultVerdict): CallToolResult {
  const quarantineId = (verdict as { quarantine_id?: string }).quarantine_id;
  const stamp = {
    decision_id: d.decision_id,
    outcome: d.outcome,
    rule_id: d.rule_id,
    output_safety: verdict.action,
    findings: verdict.findings,
    ...(quarantineId ? { quarantine_id: quarantineId } : {}),
  };
  if (attempt.status === "timeout") {
    throw new McpError(
      ErrorCode.RequestTimeout,
      `The call ran longer than max_runtime_sec (${d.constraints.max_runtime_sec ?? DEFAULT_CALL_TIMEOUT_MS / 1000} s) and was cancelled upstream.`,
      { ...stamp, reason: "max_runtime_exceeded" },
    );
  }
  if (attempt.status === "cancelled")
    throw new McpError(ErrorCode.RequestTimeout, "The call was cancelled.", { ...stamp, reason: "cancelled" });
  if (verdict.action === "QUARANTINE") {
    return {
      content: [
        {
          type: "text",
          text: `${QUARANTINED_OUTPUT} The MCP governance console found text in this tool's output that could steer the model (${[...new Set(verdict.findings.map((f) => f.kind))].join(", ")}), so it was withheld; a reviewer can release it. Decision ${d.decision_id}.`,
        },
      ],
      isError: true,
      _meta: { [META_KEY]: stamp },
    };
  }
  if (attempt.status === "error" && !("result" in attempt)) {
    const safe = verdict.output as { error: { message: string; data?: unknown } };
    throw new McpError(attempt.error.code, stripMcpPrefix(safe.error.message), safe.error.data ?? stamp);
  }
  const result = (verdict.action === "REDACT" ? verdict.output : output) as CallToolResult;
  return { ...result, _meta: { ...(result._meta ?? {}), [META_KEY]: stamp } };
}
