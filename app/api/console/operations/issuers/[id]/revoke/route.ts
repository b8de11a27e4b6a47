import { handler } from "@/lib/server/handler";
import { revokeIssuer } from "@/lib/server/operations";
import { uuidParam } from "@/lib/server/route-params";
import { reasonSchema } from "@/lib/schemas/identity";

/** Stops trusting an external identity provider: its tokens are refused on the next call. */
export const POST = handler(
  { access: { permission: "agents:revoke" }, body: reasonSchema },
  async ({ prisma, actor, params, body }) =>
    revokeIssuer(prisma, actor, uuidParam(params.id, "The trusted issuer"), body.reason),
);
