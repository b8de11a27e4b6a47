import "server-only";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import { RECEIPT_META_KEY } from "@/lib/receipt-verifier";

/** The receipt a forwarded tools/call carries in `_meta`, for the HTTP header that repeats it. */
export function receiptOf(message: JSONRPCMessage | JSONRPCMessage[]): string | undefined {
  if (Array.isArray(message) || !("method" in message) || message.method !== "tools/call") return undefined;
  const receipt = (message.params?._meta as Record<string, unknown> | undefined)?.[RECEIPT_META_KEY];
  return typeof receipt === "string" ? receipt : undefined;
}
