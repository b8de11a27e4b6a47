import "server-only";
import type { Attributes } from "@opentelemetry/api";
import type { DecisionResult } from "../enforcement/decision";
import type { DecisionReply } from "../enforcement/decision-http";
import { activeTracer } from "./otel";
import { ATTR, incomingContext, meters, serverSpan, type TraceContext, traced, trace as otelTrace } from "./spans";

interface AnswerFields {
  decision_id?: string;
  decision?: string;
  outcome?: string;
  rule_id?: string | null;
  reason?: string;
  policy?: { hash: string } | null;
}

/** What a decision span and the decision metrics say about an answer. */
function decisionAttributes(reply: Pick<DecisionReply, "status" | "body" | "facts">): Attributes {
  const body = (reply.body ?? {}) as AnswerFields;
  const attrs: Attributes = { [ATTR.httpStatus]: reply.status };
  if (body.decision) attrs[ATTR.decision] = body.decision;
  if (body.outcome) attrs[ATTR.outcome] = body.outcome;
  if (body.rule_id) attrs[ATTR.ruleId] = body.rule_id;
  if (body.reason) attrs[ATTR.reason] = body.reason;
  if (body.policy?.hash) attrs[ATTR.policyHash] = body.policy.hash;
  if (body.decision_id) attrs[ATTR.decisionId] = body.decision_id;
  const facts = reply.facts;
  if (facts) {
    attrs[ATTR.environment] = facts.environment;
    attrs[ATTR.server] = facts.server;
    attrs[ATTR.genAiTool] = facts.tool;
    attrs[ATTR.genAiAgentId] = facts.clientId;
  }
  return attrs;
}

function record(
  reply: Pick<DecisionReply, "status" | "body" | "facts">,
  started: number,
  span: { setAttributes(a: Attributes): unknown } | null,
) {
  const attrs = decisionAttributes(reply);
  span?.setAttributes(attrs);
  const m = meters();
  if (!m) return;
  const labels: Attributes = {
    [ATTR.decision]: attrs[ATTR.decision] ?? "DENY",
    [ATTR.environment]: attrs[ATTR.environment] ?? "unknown",
    [ATTR.server]: attrs[ATTR.server] ?? "unknown",
  };
  m.decisions.add(1, labels);
  m.decisionDuration.record((performance.now() - started) / 1000, labels);
}

/**
 * POST /api/v1/decisions in a server span continuing the agent's W3C traceparent; its children
 * are token verification, policy evaluation and the durable write. Nothing when telemetry is off.
 */
export function tracedDecision(
  headers: { get(name: string): string | null },
  run: (trace: TraceContext) => Promise<DecisionReply>,
): Promise<DecisionReply> {
  if (!activeTracer() && !meters()) return run(undefined);
  const started = performance.now();
  const traceparent = headers.get("traceparent");
  const parent = incomingContext(
    traceparent ? { traceparent, tracestate: headers.get("tracestate") ?? undefined } : undefined,
  );
  return serverSpan("decision", parent, { [ATTR.mcpMethod]: "tools/call" }, async (span, inner) => {
    const reply = await run(inner);
    record(reply, started, span);
    return reply;
  });
}

/** A gateway call's decision, as a child span of the call with the same attributes and metrics. */
export function gatewayDecision(
  parent: TraceContext,
  run: (trace: TraceContext) => Promise<DecisionResult>,
): Promise<DecisionResult> {
  if (!activeTracer() && !meters()) return run(undefined);
  const started = performance.now();
  return traced("decision", parent, async (inner) => {
    const result = await run(inner);
    record(observedReply(result), started, inner ? (otelTrace.getSpan(inner) ?? null) : null);
    return result;
  });
}

/** What a span records of a decision result: the status and answer the HTTP edge would send. */
function observedReply(result: DecisionResult): Pick<DecisionReply, "status" | "body" | "facts"> {
  switch (result.kind) {
    case "decision":
      return { status: 200, body: result.answer, facts: result.facts };
    case "replay":
      return { status: result.httpStatus, body: result.answer };
    case "refused":
      return { status: result.problem.status, body: {} };
    case "unrecorded":
      return { status: 503, body: { decision: "DENY", reason: "audit_unavailable" } };
  }
}
