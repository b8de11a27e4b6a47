import "server-only";
import type { Meter, TextMapPropagator, Tracer } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPMetricExporter as JsonMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPMetricExporter as ProtobufMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtobufTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
} from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from "@opentelemetry/semantic-conventions";
import { env, type Env } from "@/lib/env";

/** What is switched on: nothing unless an OTLP endpoint is configured (and the SDK not disabled). */
export interface TelemetryConfig {
  protocol: "http/protobuf" | "http/json";
  traces: { url: string; headers: Record<string, string> } | null;
  metrics: { url: string; headers: Record<string, string>; intervalMs: number } | null;
}

/** The standard OTEL_* variables (already validated by lib/env.ts) as what the console exports. */
export function telemetryConfig(e: Env): TelemetryConfig {
  const protocol = e.OTEL_EXPORTER_OTLP_PROTOCOL;
  if (e.OTEL_SDK_DISABLED) return { protocol, traces: null, metrics: null };
  const base = e.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, "");
  const tracesUrl = e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (base ? `${base}/v1/traces` : undefined);
  const metricsUrl = e.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT ?? (base ? `${base}/v1/metrics` : undefined);
  const headers = e.OTEL_EXPORTER_OTLP_HEADERS;
  return {
    protocol,
    traces: e.OTEL_TRACES_EXPORTER === "otlp" && tracesUrl ? { url: tracesUrl, headers } : null,
    metrics:
      e.OTEL_METRICS_EXPORTER === "otlp" && metricsUrl
        ? { url: metricsUrl, headers, intervalMs: e.OTEL_METRIC_EXPORT_INTERVAL }
        : null,
  };
}

function samplerOf(e: Env): Sampler {
  const ratio = new TraceIdRatioBasedSampler(e.OTEL_TRACES_SAMPLER_ARG ?? 1);
  switch (e.OTEL_TRACES_SAMPLER) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "traceidratio":
      return ratio;
    case "parentbased_always_off":
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case "parentbased_traceidratio":
      return new ParentBasedSampler({ root: ratio });
    default:
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

function resourceAttributes(e: Env): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const part of (e.OTEL_RESOURCE_ATTRIBUTES ?? "").split(",")) {
    const at = part.indexOf("=");
    if (at > 0) attrs[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  attrs[ATTR_SERVICE_NAME] = e.OTEL_SERVICE_NAME;
  attrs[ATTR_SERVICE_VERSION] ??= "0.1.0";
  return attrs;
}

type Target = { url: string; headers: Record<string, string> };
const traceExporter = (protocol: TelemetryConfig["protocol"], t: Target) =>
  protocol === "http/json" ? new JsonTraceExporter(t) : new ProtobufTraceExporter(t);
const metricExporter = (protocol: TelemetryConfig["protocol"], t: Target) =>
  protocol === "http/json"
    ? new JsonMetricExporter({ url: t.url, headers: t.headers })
    : new ProtobufMetricExporter({ url: t.url, headers: t.headers });

interface Running {
  tracer: Tracer | null;
  propagator: TextMapPropagator | null;
  meter: Meter | null;
  shutdown: () => Promise<void>;
}

let running: Running | undefined;

/** Starts export once per process (server.ts at start-up); a no-op when nothing is configured. */
export function startTelemetry(e: Env = env()): Running {
  if (running) return running;
  const config = telemetryConfig(e);
  const resource = resourceFromAttributes(resourceAttributes(e));
  let tracerProvider: NodeTracerProvider | undefined;
  let meterProvider: MeterProvider | undefined;
  if (config.traces) {
    tracerProvider = new NodeTracerProvider({
      resource,
      sampler: samplerOf(e),
      spanProcessors: [
        new BatchSpanProcessor(traceExporter(config.protocol, config.traces), {
          maxQueueSize: 8192,
          maxExportBatchSize: 512,
          scheduledDelayMillis: 1000,
        }),
      ],
    });
    // Not registered globally: no context manager (spans name their parent, see spans.ts) and the
    // W3C propagator used directly, so the rest of the process pays nothing for tracing.
  }
  if (config.metrics) {
    meterProvider = new MeterProvider({
      resource,
      readers: [
        new PeriodicExportingMetricReader({
          exporter: metricExporter(config.protocol, config.metrics),
          exportIntervalMillis: config.metrics.intervalMs,
        }),
      ],
    });
  }
  running = {
    tracer: tracerProvider ? tracerProvider.getTracer("mcp-governance-console") : null,
    propagator: tracerProvider ? new W3CTraceContextPropagator() : null,
    meter: meterProvider ? meterProvider.getMeter("mcp-governance-console") : null,
    async shutdown() {
      await Promise.allSettled([tracerProvider?.shutdown(), meterProvider?.shutdown()]);
    },
  };
  return running;
}

/** Flushes and stops export (SIGTERM; tests). */
export async function stopTelemetry(): Promise<void> {
  const r = running;
  running = undefined;
  await r?.shutdown();
}

/** The tracer, or null when tracing is off (callers skip all span work then). */
export function activeTracer(): Tracer | null {
  return running?.tracer ?? null;
}

/** The W3C trace-context propagator, or null when tracing is off. */
export function activePropagator(): TextMapPropagator | null {
  return running?.propagator ?? null;
}

export function activeMeter(): Meter | null {
  return running?.meter ?? null;
}
