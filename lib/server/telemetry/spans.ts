import "server-only";
import {
  defaultTextMapSetter,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Histogram,
  type Counter,
  type Span,
} from "@opentelemetry/api";
import { activeMeter, activePropagator, activeTracer } from "./otel";

/**
 * Span and attribute names. MCP and GenAI semantic conventions are still incubating, so their
 * names are copied here (as OpenTelemetry advises) rather than imported from the incubating entry.
 */
export const ATTR = {
  mcpMethod: "mcp.method.name",
  mcpSession: "mcp.session.id",
  mcpProtocolVersion: "mcp.protocol.version",
  genAiTool: "gen_ai.tool.name",
  genAiOperation: "gen_ai.operation.name",
  genAiAgentId: "gen_ai.agent.id",
  jsonRpcRequestId: "jsonrpc.request.id",
  errorType: "error.type",
  httpStatus: "http.response.status_code",
  // The console's own.
  decision: "governance.decision",
  outcome: "governance.outcome",
  ruleId: "governance.rule_id",
  reason: "governance.reason",
  policyHash: "governance.policy_hash",
  environment: "governance.environment",
  server: "governance.server",
  decisionId: "governance.decision_id",
  outputSafety: "governance.output_safety",
} as const;

export const SPAN = {
  token: "token verification",
  policy: "policy evaluation",
  write: "durable write",
  upstream: "upstream call",
  inspect: "output inspection",
} as const;

type Carrier = Record<string, unknown>;
const getter = {
  keys: (c: Carrier) => Object.keys(c),
  get: (c: Carrier, key: string) => {
    const v = c[key];
    return typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : undefined;
  },
};

/**
 * Spans name their parent explicitly: the console registers no global context manager, because
 * an AsyncLocalStorage one adds work to every promise of the process (on Node 20, a promise hook
 * per instance), traced or not. A `TraceContext` is OpenTelemetry's immutable Context, passed down
 * the decision and gateway paths as an argument; undefined when tracing is off.
 */
export type TraceContext = Context | undefined;

/** The context a `traceparent` (HTTP header or MCP `_meta`) continues; the root context without one. */
export function incomingContext(...carriers: (Carrier | undefined)[]): Context {
  const propagator = activePropagator();
  if (propagator)
    for (const c of carriers)
      if (c && typeof c.traceparent === "string") return propagator.extract(ROOT_CONTEXT, c, getter);
  return ROOT_CONTEXT;
}

/** `_meta` for an upstream request with the `traceparent` / `tracestate` of `parent` (as is, when tracing is off). */
export function withTraceFields(meta: Record<string, unknown>, parent: TraceContext): Record<string, unknown> {
  const propagator = activePropagator();
  if (!propagator || !parent) return meta;
  const out: Record<string, string> = {};
  propagator.inject(parent, out, defaultTextMapSetter);
  return Object.assign({}, meta, out);
}

function failed(span: Span, err: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR });
  span.setAttribute(ATTR.errorType, err instanceof Error ? err.name : "error");
}

/**
 * The tracer, when a child of `parent` would be recorded. A child of one of the console's own
 * spans that is not recording (its trace not sampled) would not be either, under every sampler the
 * console offers: the parent-based ones follow the parent, `traceidratio` judges the same trace id
 * the same way, and `always_on` records every root. Skipping it saves the span work of the nine traces in ten that a
 * sampled console does not keep; the context still goes upstream (`withTraceFields`).
 */
function recordingUnder(parent: TraceContext) {
  const tracer = activeTracer();
  if (!tracer || !parent) return null;
  const span = trace.getSpan(parent);
  // An agent's span (remote) is never recording here: the sampler judges its children.
  return span && !span.isRecording() && !span.spanContext().isRemote ? null : tracer;
}

/** Runs `fn` in a child span of `parent`, handing it the child's context; with tracing off, just runs it. */
export function traced<T>(
  name: string,
  parent: TraceContext,
  fn: (inner: TraceContext) => Promise<T>,
  attributes?: Attributes,
  kind = SpanKind.INTERNAL,
): Promise<T> {
  const tracer = recordingUnder(parent);
  if (!tracer || !parent) return fn(parent);
  const span = tracer.startSpan(name, { attributes, kind }, parent);
  return settle(span, within(span, parent, fn));
}

/** `fn` under `span` (a child of `parent`); a synchronous throw becomes a rejection. */
function within<T>(span: Span, parent: Context, fn: (inner: TraceContext) => Promise<T>): Promise<T> {
  try {
    return fn(trace.setSpan(parent, span));
  } catch (err) {
    return Promise.reject(err);
  }
}

/** Ends `span` when `work` settles, marking it failed on a rejection; returns `work`. */
function settle<T>(span: Span, work: Promise<T>): Promise<T> {
  work.then(
    () => span.end(),
    (err: unknown) => (failed(span, err), span.end()),
  );
  return work;
}

/** A span under the trace an incoming request's headers continue (work before any server span exists). */
export function tracedUnder<T>(headers: Carrier, name: string, fn: () => Promise<T>): Promise<T> {
  if (!activeTracer()) return fn();
  return traced(name, incomingContext(headers), () => fn());
}

/** A child span of `parent` for synchronous work the caller ends (policy evaluation); undefined when off. */
export function startSpan(name: string, parent: TraceContext): Span | undefined {
  return parent && recordingUnder(parent)?.startSpan(name, undefined, parent);
}

/** A child span of `parent` from now until `work` settles (work already started: the durable write). */
export function spanUntil<T>(name: string, parent: TraceContext, work: Promise<T>): Promise<T> {
  const tracer = recordingUnder(parent);
  if (!tracer || !parent) return work;
  return settle(tracer.startSpan(name, undefined, parent), work);
}

/** A server span continuing `parent` (the agent's trace, or a new one); `fn` gets the span and its context. */
export function serverSpan<T>(
  name: string,
  parent: Context,
  attributes: Attributes,
  fn: (span: Span | null, inner: TraceContext) => Promise<T>,
): Promise<T> {
  const tracer = activeTracer();
  if (!tracer) return fn(null, undefined);
  const span = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes }, parent);
  return settle(
    span,
    within(span, parent, (inner) => fn(span, inner)),
  );
}

interface Instruments {
  decisions: Counter;
  decisionDuration: Histogram;
  toolCallDuration: Histogram;
}
let instruments: Instruments | null | undefined;

/** The console's OpenTelemetry metrics (beside the Prometheus endpoint), or null when metrics are off. */
export function meters(): Instruments | null {
  if (instruments !== undefined) return instruments;
  const meter = activeMeter();
  instruments = meter && {
    decisions: meter.createCounter("governance.decisions", { description: "Decisions answered", unit: "{decision}" }),
    decisionDuration: meter.createHistogram("governance.decision.duration", {
      description: "Time to answer a decision, durable write included",
      unit: "s",
    }),
    // MCP semantic conventions' server metric.
    toolCallDuration: meter.createHistogram("mcp.server.operation.duration", {
      description: "Gateway tools/call duration, upstream call and output inspection included",
      unit: "s",
    }),
  };
  return instruments;
}

/** Tests restart telemetry with another configuration. */
export function forgetInstruments(): void {
  instruments = undefined;
}

export { trace };
