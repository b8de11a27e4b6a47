import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareGatewayEnv, type GatewayWorld } from "@/lib/testing/gateway-world";
import { ledgerDecision, startLedgerGateway } from "@/lib/testing/ledger-world";
import { startMcpUpstream } from "@/lib/testing/mcp-upstream";

// Without OTEL_EXPORTER_OTLP_PROTOCOL the console speaks the specification's default, http/protobuf.
// The receiver keeps the raw bodies: protobuf carries ids as raw bytes and strings as UTF-8.
const bodies: { path: string; type: string; body: Buffer }[] = [];
const collector = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  bodies.push({ path: String(req.url), type: String(req.headers["content-type"]), body: Buffer.concat(chunks) });
  res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
});
await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));

const at = await prepareGatewayEnv();
process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
delete process.env.OTEL_EXPORTER_OTLP_PROTOCOL;
process.env.OTEL_METRIC_EXPORT_INTERVAL = "1000";
const { startTelemetry, stopTelemetry } = await import("./otel");
startTelemetry();

const upstream = await startMcpUpstream(async (transport) => {
  const mcp = new McpServer({ name: "ledger", version: "1.0.0" });
  mcp.registerTool("read-ledger", { description: "reads", inputSchema: {} }, async () => ({
    content: [{ type: "text", text: "ledger" }],
  }));
  await mcp.connect(transport);
});

describe("OpenTelemetry export over OTLP/HTTP (protobuf, the default)", () => {
  let world: GatewayWorld;
  const traceId = randomBytes(16);
  const parentSpanId = randomBytes(8);

  beforeAll(async () => {
    world = await startLedgerGateway(at, "embedded", upstream.url, ["read-ledger"]);
    const agent = await world.agent(["ledger"]);
    const traceparent = `00-${traceId.toString("hex")}-${parentSpanId.toString("hex")}-01`;
    const res = await ledgerDecision(at.base, agent.token, "read-ledger", {}, { traceparent });
    expect(res.status).toBe(200);
    await stopTelemetry(); // flushes the spans and a last metrics collection
  });

  afterAll(async () => {
    await world?.stop();
    await upstream.stop();
    collector.closeAllConnections();
    await new Promise((r) => collector.close(r));
  });

  it("posts protobuf bodies to /v1/traces and /v1/metrics", () => {
    expect(new Set(bodies.map((b) => `${b.path} ${b.type}`))).toEqual(
      new Set(["/v1/traces application/x-protobuf", "/v1/metrics application/x-protobuf"]),
    );
  });

  it("sends the decision's spans in the agent's trace, with the console's attributes", () => {
    const traces = Buffer.concat(bodies.filter((b) => b.path === "/v1/traces").map((b) => b.body));
    expect(traces.includes(traceId)).toBe(true);
    expect(traces.includes(parentSpanId)).toBe(true);
    for (const text of ["decision", "token verification", "policy evaluation", "durable write", "allow-reads"])
      expect(traces.includes(Buffer.from(text)), text).toBe(true);
  });

  it("sends the decision metrics", () => {
    const metrics = Buffer.concat(bodies.filter((b) => b.path === "/v1/metrics").map((b) => b.body));
    for (const name of ["governance.decisions", "governance.decision.duration"])
      expect(metrics.includes(Buffer.from(name)), name).toBe(true);
  });
});
