import { serveApprovalsMcp } from "@/lib/server/channels/mcp-approvals";
import { handler } from "@/lib/server/handler";

// MCP for people: a person's assistant lists, approves and denies with their personal API token.
// Stateless and JSON-only, so POST is the whole protocol; GET (a server-sent stream) and DELETE answer 405.
export const POST = handler({ access: { permission: "approvals:decide" } }, ({ prisma, principal, req }) =>
  serveApprovalsMcp(prisma, principal, req),
);
