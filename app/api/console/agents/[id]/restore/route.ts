import { setAgentStatus } from "@/lib/server/agents";
import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { reasonSchema } from "@/lib/schemas/identity";

/** Makes a revoked (or disabled) agent active again; tokens revoked with it stay revoked. */
export const POST = handler(
  { access: { permission: "agents:revoke" }, body: reasonSchema },
  async ({ prisma, actor, params, body }) =>
    setAgentStatus(prisma, actor, uuidParam(params.id, "The agent"), "active", body.reason),
);
