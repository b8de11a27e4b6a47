import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { discoverServerTools } from "@/lib/server/catalog/discover";
import { submitCatalogChange } from "@/lib/server/catalog/submit-change";
import { discoverSchema } from "@/lib/schemas/catalog";

/** Lists the upstream's tools and what would change; `save: true` applies them (or requests review in production). */
export const POST = handler(
  { access: { permission: "catalog:write" }, body: discoverSchema },
  async ({ prisma, principal, actor, params, body }) => {
    const serverId = uuidParam(params.id, "The server");
    const found = await discoverServerTools(prisma, serverId);
    const answer = { tools: found.tools, changes: found.changes };
    if (!body.save) return { ...answer, saved: false };
    const result = await submitCatalogChange(prisma, principal, actor, {
      op: "sync_tools",
      serverId,
      tools: found.toolInputs,
    });
    return result.applied
      ? { ...answer, saved: true, server: result.server }
      : Response.json({ ...answer, saved: false, change_request: result.change_request }, { status: 202 });
  },
);
