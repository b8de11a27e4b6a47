import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { SsrfBlockedError } from "./errors";
import { createGuardedFetch } from "./guarded-fetch";

// An MCP server over Streamable HTTP on 127.0.0.1, reached through the guarded fetch as the console will.
let server: http.Server;
let url: string;
const transports = new Map<string, StreamableHTTPServerTransport>();

function mcpServer(): McpServer {
  const mcp = new McpServer({ name: "ssrf-test", version: "1.0.0" });
  mcp.registerTool("echo", { description: "echoes", inputSchema: { text: z.string() } }, async ({ text }) => ({
    content: [{ type: "text", text: `echo: ${text}` }],
  }));
  return mcp;
}

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const sessionId = req.headers["mcp-session-id"];
    let transport = typeof sessionId === "string" ? transports.get(sessionId) : undefined;
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void transports.set(id, transport!),
      });
      await mcpServer().connect(transport);
    }
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
});

afterAll(async () => {
  await Promise.all([...transports.values()].map((t) => t.close()));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("guarded fetch as the MCP SDK's transport fetch", () => {
  it("initialises, lists tools and calls one", async () => {
    const fetch = createGuardedFetch({ environment: "development", allowHosts: ["127.0.0.1"] });
    const client = new Client({ name: "console", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { fetch }));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["echo"]);
    const result = await client.callTool({ name: "echo", arguments: { text: "hi" } });
    expect(result.content).toEqual([{ type: "text", text: "echo: hi" }]);
    await client.close();
  });

  it("surfaces the guard's refusal when the server is not allowed", async () => {
    const fetch = createGuardedFetch({ environment: "development", allowHosts: [] });
    const client = new Client({ name: "console", version: "1.0.0" });
    const error = await client
      .connect(new StreamableHTTPClientTransport(new URL(url), { fetch }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SsrfBlockedError);
  });
});
