import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { submitCatalogChange, submitResponse } from "@/lib/server/catalog/submit-change";
import { serverStatusSchema } from "@/lib/schemas/catalog";

export const POST = handler(
  { access: { permission: "catalog:write" }, body: serverStatusSchema },
  async ({ prisma, principal, actor, params, body }) =>
    submitResponse(
      await submitCatalogChange(prisma, principal, actor, {
        op: "set_status",
        serverId: uuidParam(params.id, "The server"),
        status: "suspended",
        reason: body.reason,
      }),
    ),
);
