import { z } from "zod";
import { createAgent, listAgents } from "@/lib/server/agents";
import { handler } from "@/lib/server/handler";
import { createAgentSchema, environmentSchema } from "@/lib/schemas/identity";

const listQuery = z.object({
  environment: environmentSchema.optional(),
  status: z.enum(["active", "disabled", "revoked"]).optional(),
});

export const GET = handler({ access: { permission: "agents:read" }, query: listQuery }, async ({ prisma, query }) => ({
  agents: await listAgents(prisma, query),
}));

export const POST = handler(
  { access: { permission: "agents:write" }, body: createAgentSchema },
  async ({ prisma, actor, principal, body }) =>
    Response.json(await createAgent(prisma, actor, body, principal.userId), { status: 201 }),
);
