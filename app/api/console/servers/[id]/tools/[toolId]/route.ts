import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { submitCatalogChange, submitResponse } from "@/lib/server/catalog/submit-change";
import { overrideToolSchema } from "@/lib/schemas/catalog";

/** A policy author's reclassification of one tool (class and risk), with a reason; audited. */
export const PATCH = handler(
  { access: { permission: "catalog:write" }, body: overrideToolSchema },
  async ({ prisma, principal, actor, params, body }) => {
    const serverId = uuidParam(params.id, "The server");
    const tool = await prisma.tool.findFirst({
      where: { id: uuidParam(params.toolId, "The tool"), serverId },
      select: { name: true },
    });
    if (!tool) throw NotFound("The tool");
    return submitResponse(
      await submitCatalogChange(prisma, principal, actor, {
        op: "override_tool",
        serverId,
        toolName: tool.name,
        ...body,
      }),
    );
  },
);
