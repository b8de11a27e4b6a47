import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { promoteServerOp } from "@/lib/server/catalog/servers";
import { submitCatalogChange, submitResponse } from "@/lib/server/catalog/submit-change";

/** Copies the entry and its tools to the next environment (development → staging → production). */
export const POST = handler({ access: { permission: "catalog:write" } }, async ({ prisma, principal, actor, params }) =>
  submitResponse(
    await submitCatalogChange(
      prisma,
      principal,
      actor,
      await promoteServerOp(prisma, uuidParam(params.id, "The server")),
    ),
    201,
  ),
);
