import { can } from "@/lib/auth/permissions";
import { serverOverview } from "@/lib/server/catalog/server-overview";
import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";

/** A server's detail page: tools, health, policy coverage; recent decisions for audit readers only. */
export const GET = handler({ access: { permission: "catalog:read" } }, async ({ prisma, principal, params }) =>
  serverOverview(prisma, uuidParam(params.id, "The server"), { decisions: can(principal.role, "audit:read") }),
);
