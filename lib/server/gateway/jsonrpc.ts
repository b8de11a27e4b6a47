import "server-only";
import { JSONRPCMessageSchema, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/**
 * The SDK's JSONRPCMessageSchema.parse, with a short way for the shapes a tools/call carries.
 * A request, notification or result response whose envelope holds only the schema's own keys,
 * whose id is a string or safe integer, and whose params/result is a plain object without
 * `_meta` (the one nested part the schema reshapes) is exactly what the schema would return:
 * it is returned as it is. Anything else — errors, `_meta`, odd ids, extra keys, non-objects —
 * goes through the schema itself, refusals included. (The schema's union tries up to four
 * object schemas: ~35 µs a message in the gateway's CPU profile, for each side of a call.)
 */
export function parseJsonRpcMessage(value: unknown): JSONRPCMessage {
  return plainMessage(value) ? (value as JSONRPCMessage) : JSONRPCMessageSchema.parse(value);
}

/** Whether a message that passed the schema is a result response (what isJSONRPCResultResponse decides with a second parse). */
export function isResultMessage(message: JSONRPCMessage): boolean {
  return "result" in message && "id" in message;
}

const REQUEST_KEYS = new Set(["jsonrpc", "id", "method", "params"]);
const NOTIFICATION_KEYS = new Set(["jsonrpc", "method", "params"]);
const RESULT_KEYS = new Set(["jsonrpc", "id", "result"]);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

const isId = (id: unknown) => typeof id === "string" || (typeof id === "number" && Number.isSafeInteger(id));

/** An object the schema copies key by key: plain, without `_meta`, and without an own `__proto__` (which a copy would turn into a prototype). */
const isPlainPayload = (v: unknown) => isPlainObject(v) && !Object.hasOwn(v, "_meta") && !Object.hasOwn(v, "__proto__");

function onlyKeys(m: Record<string, unknown>, allowed: Set<string>): boolean {
  for (const key in m) if (!allowed.has(key)) return false;
  return Object.getOwnPropertySymbols(m).length === 0;
}

function plainMessage(m: unknown): boolean {
  if (!isPlainObject(m) || m.jsonrpc !== "2.0") return false;
  if ("method" in m) {
    if (typeof m.method !== "string" || ("params" in m && !isPlainPayload(m.params))) return false;
    return "id" in m ? isId(m.id) && onlyKeys(m, REQUEST_KEYS) : onlyKeys(m, NOTIFICATION_KEYS);
  }
  return "result" in m && isId(m.id) && isPlainPayload(m.result) && onlyKeys(m, RESULT_KEYS);
}
