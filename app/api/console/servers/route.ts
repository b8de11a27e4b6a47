import { handler } from "@/lib/server/handler";
import { createServerOp, listServers } from "@/lib/server/catalog/servers";
import { submitCatalogChange, submitResponse } from "@/lib/server/catalog/submit-change";
import { createServerSchema, listServersQuery } from "@/lib/schemas/catalog";

export const GET = handler(
  { access: { permission: "catalog:read" }, query: listServersQuery },
  async ({ prisma, query }) => ({
    servers: await listServers(prisma, query.environment),
  }),
);

/** 201 with the server and its tools; 202 with a change request for a policy author's production entry. */
export const POST = handler(
  { access: { permission: "catalog:write" }, body: createServerSchema },
  async ({ prisma, principal, actor, body }) =>
    submitResponse(await submitCatalogChange(prisma, principal, actor, createServerOp(body)), 201),
);
