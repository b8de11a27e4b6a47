import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { getServer, updateServerOp } from "@/lib/server/catalog/servers";
import { submitCatalogChange, submitResponse } from "@/lib/server/catalog/submit-change";
import { updateServerSchema } from "@/lib/schemas/catalog";

export const GET = handler({ access: { permission: "catalog:read" } }, async ({ prisma, params }) =>
  getServer(prisma, uuidParam(params.id, "The server")),
);

export const PATCH = handler(
  { access: { permission: "catalog:write" }, body: updateServerSchema },
  async ({ prisma, principal, actor, params, body }) =>
    submitResponse(
      await submitCatalogChange(prisma, principal, actor, updateServerOp(uuidParam(params.id, "The server"), body)),
    ),
);
