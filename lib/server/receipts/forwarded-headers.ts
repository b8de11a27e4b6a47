import "server-only";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { RECEIPT_HEADER, RECEIPT_META_KEY } from "@/lib/receipt-verifier";

/**
 * HTTP headers that repeat what a forwarded tools/call carries in `_meta`: the decision receipt
 * (Mcp-Governance-Receipt) and the W3C trace context (traceparent, tracestate), for upstreams
 * and proxies that read headers rather than the JSON-RPC body.
 */
export function forwardedHeaders(message: JSONRPCMessage | JSONRPCMessage[], into: Record<string, string>): void {
  if (Array.isArray(message) || !("method" in message) || message.method !== "tools/call") return;
  const meta = message.params?._meta as Record<string, unknown> | undefined;
  if (!meta) return;
  const receipt = meta[RECEIPT_META_KEY];
  if (typeof receipt === "string") into[RECEIPT_HEADER] = receipt;
  if (typeof meta.traceparent === "string") into.traceparent = meta.traceparent;
  if (typeof meta.tracestate === "string") into.tracestate = meta.tracestate;
}
