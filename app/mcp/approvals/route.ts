import { serveApprovalsMcp } from "@/lib/server/channels/mcp-approvals";
import { handler } from "@/lib/server/handler";

// MCP for people: a person's assistant lists, approves and denies with an OAuth access token (authorization
// code with PKCE) or a personal API token; serveApprovalsMcp checks it (bearer only, approvals:decide).
// Stateless and JSON-only, so POST is the whole protocol; GET (a server-sent stream) and DELETE answer 405.
export const POST = handler({ access: { public: true } }, ({ prisma, req }) => serveApprovalsMcp(prisma, req));
