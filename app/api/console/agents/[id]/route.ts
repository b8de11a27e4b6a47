import { getAgent, updateAgent } from "@/lib/server/agents";
import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { updateAgentSchema } from "@/lib/schemas/identity";

export const GET = handler({ access: { permission: "agents:read" } }, async ({ prisma, params }) =>
  getAgent(prisma, uuidParam(params.id, "The agent")),
);

export const PATCH = handler(
  { access: { permission: "agents:write" }, body: updateAgentSchema },
  async ({ prisma, actor, params, body }) => updateAgent(prisma, actor, uuidParam(params.id, "The agent"), body),
);
