import "server-only";
import { McpError } from "@modelcontextprotocol/sdk/types.js";

/**
 * JSON-RPC error codes the gateway answers with (implementation-defined server errors, outside
 * the codes MCP itself uses: -32000 connection closed, -32001 timeout, -32002 resource not found).
 * `data` always carries machine words: `reason`, and the decision or approval when there is one.
 */
export const GatewayErrorCode = {
  /** Policy (or the catalog, kill switch, approval binding) decided DENY. */
  Denied: -32010,
  /** The call waits for a human; `data.approval` has its id and URL. */
  ApprovalRequired: -32011,
  /** The token lacks `mcp:<server>:<class>`; `data.scope` names it. */
  InsufficientScope: -32012,
  /** The decision or the result could not be recorded: the console fails closed. */
  AuditUnavailable: -32013,
  /** The upstream server could not be reached or failed. */
  UpstreamUnavailable: -32014,
} as const;

export function gatewayError(code: number, message: string, data: Record<string, unknown>): McpError {
  return new McpError(code, message, data);
}

/** McpError prefixes its message with "MCP error <code>: "; the agent's SDK adds it again. */
export function stripMcpPrefix(message: string): string {
  return message.replace(/^MCP error -?\d+: /, "");
}

/**
 * The error as the agent should read it: the SDK's server sends an McpError's message (which
 * carries "MCP error <code>: ") and the agent's SDK prefixes it again. With one prefix taken off
 * here, an upstream's error reads exactly as it does without the gateway, and the gateway's own
 * read with one prefix.
 */
export function onTheWire(err: McpError): McpError {
  const wire = new McpError(err.code, "", err.data);
  wire.message = stripMcpPrefix(err.message);
  return wire;
}
