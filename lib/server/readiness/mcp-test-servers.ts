// Test helper (Vitest and Playwright): real MCP servers on loopback for the remote-auth probe.
// No "server-only" import: Playwright's runner loads it too.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

export interface LoopbackMcpServer {
  url: string;
  /** Requests that reached the server, with whether they carried an Authorization header. */
  seen: { method: string; authorized: boolean }[];
  stop: () => Promise<void>;
}

/**
 * An MCP server (SDK McpServer over stateless Streamable HTTP) on 127.0.0.1. With `token`, every
 * request without `Authorization: Bearer <token>` gets 401 and an RFC 9728 challenge, as MCP
 * authorization requires; without it the server answers anyone.
 */
export async function startLoopbackMcpServer(opts: { token?: string; name?: string } = {}): Promise<LoopbackMcpServer> {
  const seen: LoopbackMcpServer["seen"] = [];
  let base = "";
  const server = http.createServer(async (req, res) => {
    const authorization = req.headers.authorization ?? "";
    seen.push({ method: req.method ?? "", authorized: authorization !== "" });
    if (opts.token && authorization !== `Bearer ${opts.token}`) {
      res.writeHead(401, {
        "www-authenticate": `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`,
        "content-type": "application/json",
      });
      res.end(JSON.stringify({ error: "invalid_token" }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body: unknown;
    try {
      body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const mcp = new McpServer({ name: opts.name ?? "loopback", version: "1.0.0" });
    mcp.registerTool(
      "echo",
      { description: "echoes", inputSchema: {}, annotations: { readOnlyHint: true } },
      async () => ({ content: [{ type: "text", text: "echo" }] }),
    );
    res.on("close", () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    await transport.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/mcp`,
    seen,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
