import "server-only";
// The MCP gateway (docs/mcp-gateway.md): /mcp/<environment>/<server>, served by server.ts.
export { createGateway, isGatewayPath, type GatewayOptions } from "./http-entry";
export { GatewayErrorCode } from "./errors";
