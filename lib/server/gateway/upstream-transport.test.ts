import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createGuardedHttp, SsrfBlockedError, type HostResolver } from "../ssrf";
import { GuardedStreamableHttpTransport } from "./upstream-transport";

// MCP servers on 127.0.0.1 (one answering POSTs with SSE, one with JSON), reached by the name
// upstream.test through the SSRF guard, as the gateway reaches its upstreams.
const posts: { method: string; headers: http.IncomingHttpHeaders }[] = [];
const servers: http.Server[] = [];
const ports: Record<"sse" | "json", number> = { sse: 0, json: 0 };

function mcpServer(): McpServer {
  const mcp = new McpServer({ name: "upstream", version: "1.0.0" });
  mcp.registerTool("echo", { description: "echoes", inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: "text", text: `echo: ${text}` }],
  }));
  mcp.registerTool("steps", { description: "reports progress", inputSchema: {} }, async (_args, extra) => {
    const token = extra._meta?.progressToken;
    for (let i = 1; i <= 3 && token !== undefined; i++)
      await extra.sendNotification({
        method: "notifications/progress",
        params: { progressToken: token, progress: i, total: 3 },
      });
    return { content: [{ type: "text", text: "done" }] };
  });
  return mcp;
}

async function listen(enableJsonResponse: boolean): Promise<number> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    if (req.method === "POST") posts.push({ method: body?.method ?? "(response)", headers: req.headers });
    const id = req.headers["mcp-session-id"];
    let transport = typeof id === "string" ? sessions.get(id) : undefined;
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        enableJsonResponse,
        onsessioninitialized: (sid) => void sessions.set(sid, transport!),
      });
      await mcpServer().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  ports.sse = await listen(false);
  ports.json = await listen(true);
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

async function connect(kind: "sse" | "json", resolve: HostResolver) {
  const guarded = createGuardedHttp({ environment: "development", allowHosts: ["upstream.test"], resolve });
  const transport = new GuardedStreamableHttpTransport(
    new URL(`http://upstream.test:${ports[kind]}/mcp`),
    guarded,
    { "X-Upstream-Key": "upstream-secret" },
    {},
  );
  const client = new Client({ name: "gateway", version: "1.0.0" });
  await client.connect(transport);
  return { client, transport };
}

describe.each(["sse", "json"] as const)("guarded Streamable HTTP transport, upstream answering with %s", (kind) => {
  it("calls tools with the upstream's credentials, the session and protocol headers, checking the URL on every POST", async () => {
    let resolutions = 0;
    const { client, transport } = await connect(kind, async () => (resolutions++, ["127.0.0.1"]));
    const before = { posts: posts.length, resolutions };
    for (let i = 0; i < 3; i++)
      expect((await client.callTool({ name: "echo", arguments: { text: `hi ${i}` } })).content).toEqual([
        { type: "text", text: `echo: hi ${i}` },
      ]);
    const calls = posts.slice(before.posts);
    expect(calls.map((p) => p.method)).toEqual(["tools/call", "tools/call", "tools/call"]);
    for (const p of calls) {
      expect(p.headers).toMatchObject({
        "x-upstream-key": "upstream-secret",
        "mcp-session-id": transport.sessionId,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      });
      expect(p.headers["mcp-protocol-version"]).toBe(transport.protocolVersion);
    }
    expect(resolutions - before.resolutions).toBe(3);
    await client.close();
  });

  it("refuses a call before sending it when the guard refuses the upstream's address", async () => {
    // The session is opened through a guard that allows the name (the SDK's path); its POSTs go through one that does not.
    const open = createGuardedHttp({
      environment: "development",
      allowHosts: ["upstream.test"],
      resolve: async () => ["127.0.0.1"],
    });
    const refusing = createGuardedHttp({
      environment: "development",
      allowHosts: [],
      resolve: async () => ["10.0.0.7"],
    });
    const transport = new GuardedStreamableHttpTransport(
      new URL(`http://upstream.test:${ports[kind]}/mcp`),
      { ...refusing, fetch: open.fetch },
      {},
      {},
    );
    const client = new Client({ name: "gateway", version: "1.0.0" });
    await client.connect(transport);
    const before = posts.length;
    const error = await client.callTool({ name: "echo", arguments: { text: "x" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SsrfBlockedError);
    expect((error as SsrfBlockedError).code).toBe("blocked_address");
    expect(posts.length).toBe(before);
    await client.close();
  });

  it("passes progress through in order before the result", async () => {
    const { client } = await connect(kind, async () => ["127.0.0.1"]);
    const progress: number[] = [];
    const result = await client.callTool({ name: "steps", arguments: {} }, undefined, {
      onprogress: (p) => void progress.push(p.progress),
    });
    expect(result.content).toEqual([{ type: "text", text: "done" }]);
    // A JSON answer carries no notifications (the SDK's server drops them); an SSE answer carries all three first.
    expect(progress).toEqual(kind === "sse" ? [1, 2, 3] : []);
    await client.close();
  });
});

describe("messages on a POST's answer", () => {
  it("are handed on with the relatedRequestId the request was sent with; the rest without", async () => {
    const { client, transport } = await connect("sse", async () => ["127.0.0.1"]);
    const seen: { method?: string; result?: boolean; related?: unknown }[] = [];
    const dispatch = transport.onmessage!;
    transport.onmessage = ((message: Record<string, unknown>, extra?: { relatedRequestId?: unknown }) => {
      seen.push({
        method: message.method as string | undefined,
        result: "result" in message,
        related: extra?.relatedRequestId,
      });
      (dispatch as (m: unknown, e?: unknown) => void)(message, extra);
    }) as typeof transport.onmessage;
    await client.request(
      { method: "tools/call", params: { name: "steps", arguments: {}, _meta: { progressToken: 1 } } },
      CallToolResultSchema,
      { relatedRequestId: "agent-call-7", onprogress: () => {} },
    );
    await client.listTools();
    expect(seen).toEqual([
      { method: "notifications/progress", result: false, related: "agent-call-7" },
      { method: "notifications/progress", result: false, related: "agent-call-7" },
      { method: "notifications/progress", result: false, related: "agent-call-7" },
      { method: undefined, result: true, related: "agent-call-7" },
      // Sent without one: nothing to relate it to.
      { method: undefined, result: true, related: undefined },
    ]);
    await client.close();
  });
});
