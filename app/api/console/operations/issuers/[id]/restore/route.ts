import { handler } from "@/lib/server/handler";
import { restoreIssuer } from "@/lib/server/operations";
import { uuidParam } from "@/lib/server/route-params";
import { reasonSchema } from "@/lib/schemas/identity";

export const POST = handler(
  { access: { permission: "agents:revoke" }, body: reasonSchema },
  async ({ prisma, actor, params, body }) =>
    restoreIssuer(prisma, actor, uuidParam(params.id, "The trusted issuer"), body.reason),
);
