import { registerPersonClientRequest } from "@/lib/server/channels/person-oauth";
import { withDb } from "@/lib/server/identity/public-route";

export const dynamic = "force-dynamic";

/** RFC 7591 dynamic registration of a person's MCP client (public, PKCE) for /mcp/approvals (docs/approvals.md). */
export const POST = (req: Request) => withDb((prisma) => registerPersonClientRequest(prisma, req));
