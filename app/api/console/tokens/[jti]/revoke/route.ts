import { revokeIssuedToken } from "@/lib/server/agents";
import { handler } from "@/lib/server/handler";
import { NotFound } from "@/lib/server/errors";
import { reasonSchema } from "@/lib/schemas/identity";

export const POST = handler(
  { access: { permission: "agents:revoke" }, body: reasonSchema },
  async ({ prisma, actor, params, body }) => {
    if (!params.jti || params.jti.length > 200) throw NotFound("The token");
    return revokeIssuedToken(prisma, actor, params.jti, body.reason);
  },
);
