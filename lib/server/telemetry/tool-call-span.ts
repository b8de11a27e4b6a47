import "server-only";
import type { Attributes } from "@opentelemetry/api";
import type { CallToolRequest, CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { activeTracer } from "./otel";
import { ATTR, incomingContext, meters, serverSpan, type TraceContext } from "./spans";

interface CallExtra {
  sessionId?: string;
  requestId: string | number;
  requestInfo?: { headers?: Record<string, string | string[] | undefined> };
}

/** The `_meta` stamp the gateway puts on results (call-tool.ts META_KEY). */
const STAMP_KEY = "governance-console/decision";

/**
 * One gateway tools/call as a server span (MCP semantic conventions: `tools/call <tool>`),
 * continuing the agent's trace from `params._meta.traceparent` or the HTTP `traceparent` header.
 * Its children: the decision (policy evaluation, durable write), the upstream call and output inspection.
 */
export function tracedToolCall(
  request: CallToolRequest,
  extra: CallExtra,
  where: { server: string; environment: string },
  run: (trace: TraceContext) => Promise<CallToolResult>,
): Promise<CallToolResult> {
  if (!activeTracer() && !meters()) return run(undefined);
  const started = performance.now();
  const tool = request.params.name;
  const attrs: Attributes = {
    [ATTR.mcpMethod]: "tools/call",
    [ATTR.genAiTool]: tool,
    [ATTR.genAiOperation]: "execute_tool",
    [ATTR.jsonRpcRequestId]: String(extra.requestId),
    [ATTR.server]: where.server,
    [ATTR.environment]: where.environment,
  };
  if (extra.sessionId) attrs[ATTR.mcpSession] = extra.sessionId;
  const parent = incomingContext(request.params._meta as Record<string, unknown>, extra.requestInfo?.headers);
  const labels: Attributes = { [ATTR.mcpMethod]: "tools/call", [ATTR.genAiTool]: tool, [ATTR.server]: where.server };
  const done = (errorType?: string) => {
    if (errorType) labels[ATTR.errorType] = errorType;
    meters()?.toolCallDuration.record((performance.now() - started) / 1000, labels);
  };
  return serverSpan(`tools/call ${tool}`, parent, attrs, async (span, inner) => {
    try {
      const result = await run(inner);
      const stamp = result._meta?.[STAMP_KEY] as
        | { decision_id?: string; outcome?: string; rule_id?: string | null; output_safety?: string }
        | undefined;
      if (stamp && span) {
        span.setAttribute(ATTR.decision, "ALLOW");
        if (stamp.decision_id) span.setAttribute(ATTR.decisionId, stamp.decision_id);
        if (stamp.outcome) span.setAttribute(ATTR.outcome, stamp.outcome);
        if (stamp.rule_id) span.setAttribute(ATTR.ruleId, stamp.rule_id);
        if (stamp.output_safety) span.setAttribute(ATTR.outputSafety, stamp.output_safety);
      }
      done(result.isError ? "tool_error" : undefined);
      return result;
    } catch (err) {
      const data = (err as { data?: { decision?: string; reason?: string; decision_id?: string } }).data;
      if (span && data?.decision) span.setAttribute(ATTR.decision, data.decision);
      if (span && data?.reason) span.setAttribute(ATTR.reason, data.reason);
      if (span && data?.decision_id) span.setAttribute(ATTR.decisionId, data.decision_id);
      done(String((err as { code?: unknown }).code ?? "error"));
      throw err;
    }
  });
}
