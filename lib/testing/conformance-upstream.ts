import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport, type EventStore } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { fixtureServer } from "./conformance-fixture";

/**
 * An MCP server exposing what the official conformance suite (@modelcontextprotocol/conformance,
 * server mode) calls by name — its tools, resources, prompts, logging and completion — built on
 * the MCP SDK, one McpServer per session over Streamable HTTP. With `eventIds` its SSE events
 * carry ids (an in-memory event store, so streams resume); without, they carry none, as most
 * servers' do. `relate_all` is the gateway's own addition: one call that reports progress, logs,
 * samples and elicits, answering with what the client gave back; `unrelated_sampling` samples
 * with a request related to no call.
 */
export interface ConformanceUpstream {
  url: string;
  /** HTTP requests seen, by method (tests count DELETEs). */
  requests: { method: string; session?: string }[];
  openSessions: () => number;
  stop: () => Promise<void>;
}

/** Events kept in order, per stream; a stream's id is the prefix of its events' ids. */
function memoryEventStore(): EventStore {
  const events: { id: string; stream: string; message: JSONRPCMessage }[] = [];
  let seq = 0;
  return {
    async storeEvent(stream, message) {
      const id = `${stream}:${++seq}`;
      events.push({ id, stream, message });
      return id;
    },
    async getStreamIdForEventId(id) {
      return events.find((e) => e.id === id)?.stream;
    },
    async replayEventsAfter(lastId, { send }) {
      const at = events.findIndex((e) => e.id === lastId);
      if (at < 0) return "";
      const stream = events[at].stream;
      for (const e of events.slice(at + 1))
        if (e.stream === stream && Object.keys(e.message).length > 0) await send(e.id, e.message);
      return stream;
    },
  };
}

export async function startConformanceUpstream(opts: { eventIds: boolean }): Promise<ConformanceUpstream> {
  const sessions = new Map<string, StreamableHTTPServerTransport>();
  const requests: ConformanceUpstream["requests"] = [];
  let port = 0;
  const server = http.createServer(async (req, res) => {
    // DNS-rebinding protection, as a local server should have: its own Host, and no foreign Origin.
    const own = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
    const origin = req.headers.origin;
    if (!own.has(req.headers.host ?? "") || (origin !== undefined && !own.has(origin.replace(/^http:\/\//, "")))) {
      res.writeHead(403, { "content-type": "application/json" });
      res.end(
        JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "Forbidden host or origin" }, id: null }),
      );
      return;
    }
    const sid = req.headers["mcp-session-id"];
    requests.push({ method: req.method ?? "", session: typeof sid === "string" ? sid : undefined });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined;
    let t = typeof sid === "string" ? sessions.get(sid) : undefined;
    if (!t) {
      if (typeof sid === "string" || body?.method !== "initialize") {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32001, message: "Session not found" }, id: null }));
        return;
      }
      const transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (id) => void sessions.set(id, transport),
        ...(opts.eventIds ? { eventStore: memoryEventStore(), retryInterval: 100 } : {}),
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await fixtureServer(sessions).connect(transport);
      t = transport;
    }
    await t.handleRequest(req, res, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    requests,
    openSessions: () => sessions.size,
    stop: async () => {
      await Promise.allSettled([...sessions.values()].map((t) => t.close()));
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
