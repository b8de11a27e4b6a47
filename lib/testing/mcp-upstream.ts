import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";

export interface McpUpstream {
  /** http://127.0.0.1:<port> */
  base: string;
  /** The MCP endpoint, `${base}/mcp`. */
  url: string;
  stop: () => Promise<void>;
}

/**
 * An MCP upstream over Streamable HTTP on 127.0.0.1, as a catalogued server would be: each
 * initialize opens a session, which `connect` serves with an SDK server of the test's own.
 * `intercept` sees every request first, with its parsed body, and answers it itself by returning true.
 */
export async function startMcpUpstream(
  connect: (transport: StreamableHTTPServerTransport) => Promise<void>,
  intercept?: (req: http.IncomingMessage, res: http.ServerResponse, body: unknown) => boolean | Promise<boolean>,
): Promise<McpUpstream> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    if (intercept && (await intercept(req, res, body))) return;
    const sid = req.headers["mcp-session-id"];
    let t = typeof sid === "string" ? sessions.get(sid) : undefined;
    if (!t) {
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void sessions.set(id, transport),
      });
      t = transport;
      await connect(t);
    }
    await t.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: `${base}/mcp`,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
