/** What the gateway shows the agent of the upstream: its errors, its capabilities and its tools (session.ts). */
import "server-only";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ErrorCode, McpError, type ServerCapabilities, type Tool } from "@modelcontextprotocol/sdk/types.js";
import type { CatalogTool } from "../catalog/catalog-view";
import { log } from "../log";
import { gatewayError, GatewayErrorCode, onTheWire } from "./errors";

/** Errors the agent sees: MCP errors as they are (the gateway's own, or the upstream's), anything else without its internal message. */
export function agentFacing(err: unknown, server: string): McpError {
  if (err instanceof McpError) return onTheWire(err);
  if (err instanceof StreamableHTTPError || (err instanceof TypeError && err.message === "fetch failed")) {
    return onTheWire(
      gatewayError(GatewayErrorCode.UpstreamUnavailable, `The upstream server ${server} could not be reached.`, {
        reason: "upstream_unavailable",
      }),
    );
  }
  log.error({ error_type: err instanceof Error ? err.name : typeof err, server }, "gateway request failed");
  return onTheWire(new McpError(ErrorCode.InternalError, "The gateway could not complete the request."));
}

/** What the gateway offers the agent: what the upstream offers, minus tasks (a task's result would bypass inspection). */
export function mirroredCapabilities(up: ServerCapabilities): ServerCapabilities {
  return {
    ...(up.tools ? { tools: { ...(up.tools.listChanged ? { listChanged: true } : {}) } } : {}),
    ...(up.resources
      ? {
          resources: {
            ...(up.resources.subscribe ? { subscribe: true } : {}),
            ...(up.resources.listChanged ? { listChanged: true } : {}),
          },
        }
      : {}),
    ...(up.prompts ? { prompts: { ...(up.prompts.listChanged ? { listChanged: true } : {}) } } : {}),
    ...(up.completions ? { completions: {} } : {}),
    ...(up.logging ? { logging: {} } : {}),
  };
}

/** The upstream's tool with the catalog's class and risk: hints follow the catalog (a policy author may have overridden them). */
export function classified(tool: Tool, c: CatalogTool): Tool {
  return {
    ...tool,
    annotations: {
      ...(tool.annotations ?? {}),
      readOnlyHint: c.action === "read",
      ...(c.action !== "read" && c.risk === "high" ? { destructiveHint: true } : {}),
    },
    _meta: { ...(tool._meta ?? {}), "governance-console/classification": { action: c.action, risk: c.risk } },
  };
}
