import "server-only";
// The MCP gateway (SPEC §10): /mcp/<environment>/<server>, served by server.ts.
export { createGateway, isGatewayPath, type GatewayOptions } from "./http-entry";
export { GatewayErrorCode } from "./errors";
