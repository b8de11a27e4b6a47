import { setAgentStatus } from "@/lib/server/agents";
import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { reasonSchema } from "@/lib/schemas/identity";

/** Revokes the agent and every unexpired token it holds; effective on the next call. */
export const POST = handler(
  { access: { permission: "agents:revoke" }, body: reasonSchema },
  async ({ prisma, actor, params, body }) =>
    setAgentStatus(prisma, actor, uuidParam(params.id, "The agent"), "revoked", body.reason),
);
