/** The agent transport's HTTP edge: what it accepts (messages, versions), what it writes (SSE events, JSON-RPC errors). */
import "server-only";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import {
  DEFAULT_NEGOTIATED_PROTOCOL_VERSION,
  ErrorCode,
  SUPPORTED_PROTOCOL_VERSIONS,
  type JSONRPCMessage,
  type MessageExtraInfo,
} from "@modelcontextprotocol/sdk/types.js";
import { parseJsonRpcMessage } from "./jsonrpc";

/** As the SDK's transport: at most this many messages in one POST. */
const MAX_BATCH_SIZE = 100;

/**
 * The codes the SDK's own transport answers with, beside ErrorCode's ParseError and InvalidRequest: -32000 (JSON-RPC's
 * implementation-defined server error, which ErrorCode names ConnectionClosed) for a refusal, and -32001 (which
 * ErrorCode names RequestTimeout) for an unknown session. The SDK's transport writes them as bare numbers too.
 */
export const REFUSED = -32000;
export const SESSION_NOT_FOUND = -32001;

/** Why the transport turns an HTTP request away, worded as the SDK's transport words it. */
export interface Refusal {
  status: number;
  code: number;
  message: string;
}

/** The JSON-RPC messages of a POST (its body arrives parsed as JSON), or why it is refused, in the SDK's order of checks. */
export function postedMessages(accept: string, body: unknown): JSONRPCMessage[] | Refusal {
  if (!accept.includes("application/json") || !accept.includes("text/event-stream")) {
    const message = "Not Acceptable: Client must accept both application/json and text/event-stream";
    return { status: 406, code: REFUSED, message };
  }
  if (Array.isArray(body) && body.length > MAX_BATCH_SIZE) {
    const message = `Invalid Request: Batch must not exceed ${MAX_BATCH_SIZE} messages`;
    return { status: 400, code: ErrorCode.InvalidRequest, message };
  }
  try {
    return Array.isArray(body) ? body.map((m) => parseJsonRpcMessage(m)) : [parseJsonRpcMessage(body)];
  } catch {
    return { status: 400, code: ErrorCode.ParseError, message: "Parse error: Invalid JSON-RPC message" };
  }
}

/** The protocol version a POST speaks: its initialize request's, else its header's, else the SDK's default. */
export function protocolOf(messages: JSONRPCMessage[], header: string | string[] | undefined): string {
  const init = messages.find((m) => "method" in m && m.method === "initialize") as
    | { params?: { protocolVersion?: unknown } }
    | undefined;
  return String(init?.params?.protocolVersion ?? header ?? DEFAULT_NEGOTIATED_PROTOCOL_VERSION);
}

/** A refusal when the request names a protocol version the SDK does not support (no header: none). */
export function unsupportedVersion(version: string | string[] | undefined): Refusal | undefined {
  if (version === undefined || SUPPORTED_PROTOCOL_VERSIONS.includes(String(version))) return undefined;
  const supported = SUPPORTED_PROTOCOL_VERSIONS.join(", ");
  const message = `Bad Request: Unsupported protocol version: ${String(version)} (supported versions: ${supported})`;
  return { status: 400, code: REFUSED, message };
}

/** The headers of an SSE answer (the SDK's, plus no proxy buffering). */
export const SSE_HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

export function requestInfoOf(req: IncomingMessage): NonNullable<MessageExtraInfo["requestInfo"]> {
  return {
    headers: req.headers,
    // Built only when a handler asks for it.
    get url() {
      return new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
    },
  };
}

/** One SSE event of a message's JSON text; a priming event (data null) is an id with empty data. */
export function writeEvent(res: ServerResponse, data: string | null, id?: string): void {
  if (res.writableEnded || res.destroyed) return;
  const head = id === undefined ? "" : `id: ${id}\n`;
  res.write(data !== null ? `${head}event: message\ndata: ${data}\n\n` : `${head}data: \n\n`);
}

export function jsonError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  data?: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  const body = JSON.stringify({
    jsonrpc: "2.0",
    error: { code, message, ...(data !== undefined ? { data } : {}) },
    id: null,
  });
  res
    .writeHead(status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(body) })
    .end(body);
}
