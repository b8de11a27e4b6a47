import { serveApprovalsMcp } from "@/lib/server/channels/mcp-approvals";
import { handler } from "@/lib/server/handler";

// MCP for people: a person's assistant lists, approves and denies with their personal API token.
export const POST = handler({ access: { permission: "approvals:decide" } }, ({ prisma, principal, req }) =>
  serveApprovalsMcp(prisma, principal, req),
);
export const GET = handler({ access: { permission: "approvals:decide" } }, ({ prisma, principal, req }) =>
  serveApprovalsMcp(prisma, principal, req),
);
export const DELETE = handler({ access: { permission: "approvals:decide" } }, ({ prisma, principal, req }) =>
  serveApprovalsMcp(prisma, principal, req),
);
