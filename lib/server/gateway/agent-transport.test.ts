import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AgentStreamableHttpTransport } from "./agent-transport";
import { SessionEventLog } from "./session-event-log";

// An MCP server on the gateway's agent transport, as a GatewaySession wires it (one transport per session).
let server: http.Server;
let url: string;
const sessions = new Map<string, AgentStreamableHttpTransport>();

function mcpServer(): Server {
  const s = new Server({ name: "agent-side", version: "1.0.0" }, { capabilities: { tools: {}, logging: {} } });
  s.setRequestHandler(CallToolRequestSchema, async (req, extra) => {
    const { name } = req.params;
    if (name === "slow") await new Promise((r) => setTimeout(r, 1_300));
    if (name === "short") await new Promise((r) => setTimeout(r, 100));
    if (name === "steps") {
      for (let i = 1; i <= 3; i++) {
        await extra.sendNotification({
          method: "notifications/progress",
          params: { progressToken: extra._meta?.progressToken ?? "none", progress: i },
        });
        await extra.sendNotification({ method: "notifications/message", params: { level: "info", data: `step ${i}` } });
      }
    }
    return { content: [{ type: "text", text: `${name} done` }] };
  });
  return s;
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
  const id = req.headers["mcp-session-id"];
  let transport = typeof id === "string" ? sessions.get(id) : undefined;
  if (!transport) {
    transport = new AgentStreamableHttpTransport({
      sessionIdGenerator: randomUUID,
      keepAliveMs: 15_000,
      onsessioninitialized: (sid) => void sessions.set(sid, transport!),
    });
    await mcpServer().connect(transport);
  }
  await transport.handleRequest(req, res, body);
}

beforeAll(async () => {
  server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
});

afterAll(async () => {
  await Promise.all([...sessions.values()].map((t) => t.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

async function session(): Promise<Record<string, string>> {
  const res = await fetch(url, {
    method: "POST",
    headers: HEADERS,
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "t", version: "1" } },
    }),
  });
  expect(res.status).toBe(200);
  await res.text();
  const headers = {
    ...HEADERS,
    "mcp-session-id": res.headers.get("mcp-session-id")!,
    "mcp-protocol-version": LATEST_PROTOCOL_VERSION,
  };
  expect(
    (
      await fetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
      })
    ).status,
  ).toBe(202);
  return headers;
}

const call = (id: number, name: string, meta?: Record<string, unknown>) => ({
  jsonrpc: "2.0",
  id,
  method: "tools/call",
  params: { name, arguments: {}, ...(meta ? { _meta: meta } : {}) },
});

describe("the gateway's agent transport", () => {
  it("answers a call answered before anything else is sent with one JSON body", async () => {
    const headers = await session();
    const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(call(1, "echo")) });
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("mcp-session-id")).toBe(headers["mcp-session-id"]);
    expect(await res.json()).toEqual({
      jsonrpc: "2.0",
      id: 1,
      result: { content: [{ type: "text", text: "echo done" }] },
    });
  });

  it("answers a batch in request order", async () => {
    const headers = await session();
    const res = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify([call(7, "short"), call(8, "echo")]),
    });
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = (await res.json()) as { id: number }[];
    expect(body.map((m) => m.id)).toEqual([7, 8]);
  });

  it("streams a call's notifications as they come (SSE), the answer last", async () => {
    const headers = await session();
    const res = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(call(2, "steps", { progressToken: "p" })),
    });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const events = (await res.text())
      .split("\n\n")
      .filter((e) => e.startsWith("event: message"))
      .map((e) => JSON.parse(e.split("data: ")[1]) as { method?: string; id?: number });
    expect(events.map((e) => e.method ?? `answer ${e.id}`)).toEqual([
      "notifications/progress",
      "notifications/message",
      "notifications/progress",
      "notifications/message",
      "notifications/progress",
      "notifications/message",
      "answer 2",
    ]);
  });

  it("sends the SSE headers of a call that takes long before its answer", async () => {
    const headers = await session();
    const started = performance.now();
    const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(call(3, "slow")) });
    const headersAfter = performance.now() - started;
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(headersAfter).toBeLessThan(1_250);
    expect(await res.text()).toContain('"slow done"');
  });

  it("works with the SDK's client: progress during a call, log messages, the result", async () => {
    const client = new Client({ name: "agent", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const progress: number[] = [];
    const logs: unknown[] = [];
    client.setNotificationHandler(
      (await import("@modelcontextprotocol/sdk/types.js")).LoggingMessageNotificationSchema,
      (n) => void logs.push(n.params.data),
    );
    const result = await client.callTool({ name: "steps", arguments: {} }, undefined, {
      onprogress: (p) => void progress.push(p.progress),
    });
    expect(result.content).toEqual([{ type: "text", text: "steps done" }]);
    expect(progress).toEqual([1, 2, 3]);
    expect(logs).toEqual(["step 1", "step 2", "step 3"]);
    expect((await client.callTool({ name: "echo", arguments: {} })).content).toEqual([
      { type: "text", text: "echo done" },
    ]);
    await client.close();
  });

  it("refuses what the SDK's transport refuses", async () => {
    const headers = await session();
    const post = (h: Record<string, string>, body: unknown = call(4, "echo")) =>
      fetch(url, { method: "POST", headers: h, body: JSON.stringify(body) });
    expect((await post({ ...headers, accept: "application/json" })).status).toBe(406);
    expect((await post({ ...headers, "mcp-protocol-version": "1999-01-01" })).status).toBe(400);
    expect((await post(headers, { jsonrpc: "2.0", id: 5 })).status).toBe(400);
    expect(
      (
        await post(
          headers,
          Array.from({ length: 101 }, (_, i) => call(i, "echo")),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await post(headers, {
          jsonrpc: "2.0",
          id: 6,
          method: "initialize",
          params: {
            protocolVersion: LATEST_PROTOCOL_VERSION,
            capabilities: {},
            clientInfo: { name: "t", version: "1" },
          },
        })
      ).status,
    ).toBe(400);
    expect((await fetch(url, { method: "PUT", headers })).status).toBe(405);
  });

  it("keeps one standalone GET stream, and a DELETE ends the session", async () => {
    const headers = await session();
    const controller = new AbortController();
    const stream = await fetch(url, {
      headers: { ...headers, accept: "text/event-stream" },
      signal: controller.signal,
    });
    expect(stream.headers.get("content-type")).toBe("text/event-stream");
    expect((await fetch(url, { headers: { ...headers, accept: "text/event-stream" } })).status).toBe(409);
    controller.abort();
    expect((await fetch(url, { method: "DELETE", headers })).status).toBe(200);
    const transport = sessions.get(headers["mcp-session-id"])!;
    const res = httpRes();
    await transport.handleRequest(httpReq("POST", headers), res.res, call(9, "echo"));
    expect(res.status()).toBe(404);
  });
});

describe("the session's event log", () => {
  const msg = (n: number) => JSON.stringify({ jsonrpc: "2.0", method: "notifications/message", params: { n } });

  it("replays a stream's events after an id, in order, skipping other streams and priming events", () => {
    const log = new SessionEventLog(10, 60_000);
    const prime = log.add(1, null);
    const a = log.add(1, msg(1));
    log.add(2, msg(2));
    const b = log.add(1, msg(3));
    expect(log.after(prime)).toEqual({
      stream: 1,
      events: [
        { id: a, data: msg(1) },
        { id: b, data: msg(3) },
      ],
    });
    expect(log.after(b)).toEqual({ stream: 1, events: [] });
    // An id naming another stream than its event's, or none at all, is not resumable.
    expect(log.after(`2_${a.split("_")[1]}`)).toBeUndefined();
    expect(log.after("garbage")).toBeUndefined();
  });

  it("keeps at most maxEvents events and none past their retention", () => {
    const log = new SessionEventLog(3, 60_000);
    const ids = [1, 2, 3, 4, 5].map((n) => log.add(1, msg(n)));
    expect(log.size).toBe(3);
    expect(log.after(ids[0])).toBeUndefined();
    expect(log.after(ids[2])?.events.map((e) => e.id)).toEqual([ids[3], ids[4]]);
    vi.useFakeTimers({ now: Date.now() + 61_000, toFake: ["Date"] });
    try {
      expect(log.after(ids[4])).toBeUndefined();
      expect(log.size).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("keeps at most maxChars of messages", () => {
    const log = new SessionEventLog(100, 60_000, 3 * msg(1).length);
    const ids = [1, 2, 3, 4].map((n) => log.add(1, msg(n)));
    expect(log.size).toBe(3);
    expect(log.after(ids[0])).toBeUndefined();
    expect(log.after(ids[1])?.events.map((e) => e.data)).toEqual([msg(3), msg(4)]);
  });
});

/** A minimal Node request/response pair for a request the server never sees (the session is closed). */
function httpReq(method: string, headers: Record<string, string>) {
  return Object.assign(new http.IncomingMessage(null as never), { method, headers });
}
function httpRes() {
  let status = 0;
  const res = { writeHead: (s: number) => ((status = s), res), end: () => res } as unknown as http.ServerResponse;
  return { res, status: () => status };
}
