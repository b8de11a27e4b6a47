import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareGatewayEnv, type GatewayWorld } from "@/lib/testing/gateway-world";
import { ledgerDecision, startLedgerGateway } from "@/lib/testing/ledger-world";
import { startMcpUpstream } from "@/lib/testing/mcp-upstream";

// An OTLP/HTTP receiver decoding the JSON encoding of the protobuf messages, as a collector would.
interface OtlpAttr {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: OtlpAttr[];
}
const received = { spans: [] as OtlpSpan[], metrics: [] as string[], contentTypes: new Set<string>() };
const collector = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  received.contentTypes.add(String(req.headers["content-type"]));
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  if (req.url === "/v1/traces")
    for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) received.spans.push(...ss.spans);
  if (req.url === "/v1/metrics")
    for (const rm of body.resourceMetrics ?? [])
      for (const sm of rm.scopeMetrics ?? []) for (const m of sm.metrics ?? []) received.metrics.push(m.name);
  res.writeHead(200, { "content-type": "application/json" }).end("{}");
});
await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
const collectorPort = (collector.address() as AddressInfo).port;

const at = await prepareGatewayEnv();
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${collectorPort}`;
process.env.OTEL_EXPORTER_OTLP_PROTOCOL = "http/json";
process.env.OTEL_METRIC_EXPORT_INTERVAL = "1000";
const { startTelemetry, stopTelemetry } = await import("./otel");
const { drainResultWrites } = await import("../enforcement/result-writer");
startTelemetry();

// An SDK upstream that records the trace context each call arrives with, in _meta and as a header.
const arrived: { meta?: unknown; header?: unknown }[] = [];
const upstream = await startMcpUpstream(async (transport) => {
  const mcp = new McpServer({ name: "ledger", version: "1.0.0" });
  mcp.registerTool("read-ledger", { description: "reads", inputSchema: {} }, async (_args, extra) => {
    arrived.push({ meta: extra._meta?.traceparent, header: extra.requestInfo?.headers?.traceparent });
    return { content: [{ type: "text", text: "ledger" }] };
  });
  await mcp.connect(transport);
});

const attr = (s: OtlpSpan, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : v?.boolValue);
};
const children = (parent: OtlpSpan) =>
  received.spans.filter((s) => s.parentSpanId === parent.spanId && s.traceId === parent.traceId);
const named = (list: OtlpSpan[], name: string) => {
  const found = list.filter((s) => s.name === name);
  expect(found, name).toHaveLength(1);
  return found[0];
};

describe("OpenTelemetry export over OTLP/HTTP (JSON)", () => {
  let world: GatewayWorld;
  let agent: Awaited<ReturnType<GatewayWorld["agent"]>>;
  const traceId = randomBytes(16).toString("hex");
  const agentSpanId = randomBytes(8).toString("hex");
  const apiSpanId = randomBytes(8).toString("hex");
  const unsampledTraceId = randomBytes(16).toString("hex");

  beforeAll(async () => {
    world = await startLedgerGateway(at, "embedded", upstream.url, ["read-ledger"]);
    agent = await world.agent(["ledger"]);

    // The agent's own trace: its span calls the gateway (traceparent on the HTTP requests and in _meta)…
    const traceparent = `00-${traceId}-${agentSpanId}-01`;
    const client = new Client({ name: "traced-agent", version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${at.base}/mcp/development/ledger`), {
        requestInit: { headers: { authorization: `Bearer ${agent.token}`, traceparent } },
      }),
    );
    const result = await client.callTool({ name: "read-ledger", arguments: {}, _meta: { traceparent } });
    expect(result.isError).toBeFalsy();
    await client.close();
    // …and asks the decision API directly, from another span of the same trace.
    const res = await ledgerDecision(
      at.base,
      agent.token,
      "read-ledger",
      { n: 1 },
      {
        traceparent: `00-${traceId}-${apiSpanId}-01`,
      },
    );
    expect(res.status).toBe(200);
    // A trace the agent did not sample (flags 00): the console records none of it.
    const unsampled = await ledgerDecision(
      at.base,
      agent.token,
      "read-ledger",
      { n: 2 },
      {
        traceparent: `00-${unsampledTraceId}-${apiSpanId}-00`,
      },
    );
    expect(unsampled.status).toBe(200);
    await drainResultWrites();
    await stopTelemetry(); // flushes every span and a last metrics collection to the receiver
  });

  afterAll(async () => {
    await world?.stop();
    await upstream.stop();
    collector.closeAllConnections();
    await new Promise((r) => collector.close(r));
  });

  it("sends OTLP/HTTP with JSON bodies", () => {
    expect([...received.contentTypes]).toEqual(["application/json"]);
  });

  it("continues the agent's trace through the gateway call, with MCP/GenAI and governance attributes", () => {
    const call = named(
      received.spans.filter((s) => s.traceId === traceId),
      "tools/call read-ledger",
    );
    expect(call.parentSpanId).toBe(agentSpanId);
    expect(call.kind).toBe(2); // SERVER
    expect(attr(call, "mcp.method.name")).toBe("tools/call");
    expect(attr(call, "gen_ai.tool.name")).toBe("read-ledger");
    expect(attr(call, "gen_ai.operation.name")).toBe("execute_tool");
    expect(attr(call, "mcp.session.id")).toMatch(/\S/);
    expect(attr(call, "governance.environment")).toBe("development");
    expect(attr(call, "governance.decision")).toBe("ALLOW");
    expect(attr(call, "governance.rule_id")).toBe("allow-reads");

    const kids = children(call);
    expect(kids.map((s) => s.name).sort()).toEqual(["decision", "output inspection", "upstream call"]);
    const decision = named(kids, "decision");
    expect(attr(decision, "governance.decision")).toBe("ALLOW");
    expect(attr(decision, "governance.rule_id")).toBe("allow-reads");
    expect(String(attr(decision, "governance.policy_hash"))).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(attr(decision, "governance.environment")).toBe("development");
    expect(
      children(decision)
        .map((s) => s.name)
        .sort(),
    ).toEqual(["durable write", "policy evaluation"]);
    expect(named(kids, "upstream call").kind).toBe(3); // CLIENT

    // The agent's POSTs to the gateway verified their tokens in spans under the agent's span.
    const tokenChecks = received.spans.filter((s) => s.name === "token verification" && s.parentSpanId === agentSpanId);
    expect(tokenChecks.length).toBeGreaterThan(0);
    expect(tokenChecks.every((s) => s.traceId === traceId)).toBe(true);
  });

  it("propagates the trace to the upstream, in _meta and as the traceparent header, under the upstream call span", () => {
    const upstreamCall = received.spans.find((s) => s.name === "upstream call" && s.traceId === traceId)!;
    expect(arrived).toHaveLength(1);
    const expected = `00-${traceId}-${upstreamCall.spanId}-01`;
    expect(arrived[0]).toEqual({ meta: expected, header: expected });
  });

  it("gives a decision API call a server span continuing the agent's traceparent, with its children", () => {
    const decision = named(
      received.spans.filter((s) => s.traceId === traceId && s.parentSpanId === apiSpanId),
      "decision",
    );
    expect(decision.kind).toBe(2);
    expect(attr(decision, "governance.decision")).toBe("ALLOW");
    expect(attr(decision, "governance.rule_id")).toBe("allow-reads");
    expect(attr(decision, "governance.environment")).toBe("development");
    expect(attr(decision, "gen_ai.tool.name")).toBe("read-ledger");
    expect(attr(decision, "http.response.status_code")).toBe(200);
    expect(
      children(decision)
        .map((s) => s.name)
        .sort(),
    ).toEqual(["durable write", "policy evaluation", "token verification"]);
  });

  it("records nothing of a trace the agent did not sample", () => {
    expect(received.spans.filter((s) => s.traceId === unsampledTraceId)).toEqual([]);
    expect(received.spans.some((s) => s.traceId === traceId)).toBe(true);
  });

  it("exports decision and tool-call metrics", () => {
    expect(new Set(received.metrics)).toEqual(
      new Set(["governance.decisions", "governance.decision.duration", "mcp.server.operation.duration"]),
    );
  });
});
