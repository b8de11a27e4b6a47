import { setAgentStatus } from "@/lib/server/agents";
import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { optionalReasonSchema } from "@/lib/schemas/identity";

/** A reversible pause: the agent gets no tokens and its tokens are refused until enabled. */
export const POST = handler(
  { access: { permission: "agents:write" }, body: optionalReasonSchema },
  async ({ prisma, actor, params, body }) =>
    setAgentStatus(prisma, actor, uuidParam(params.id, "The agent"), "disabled", body.reason),
);
