import { Conflict } from "@/lib/server/errors";
import { setAgentStatus } from "@/lib/server/agents";
import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";

/** Re-enables a disabled agent; a revoked agent needs an admin's restore. */
export const POST = handler({ access: { permission: "agents:write" } }, async ({ prisma, actor, params }) => {
  const id = uuidParam(params.id, "The agent");
  const agent = await prisma.agent.findUnique({ where: { id }, select: { status: true } });
  if (agent?.status === "revoked") throw Conflict("This agent is revoked; an admin restores it.", "agent-revoked");
  return setAgentStatus(prisma, actor, id, "active");
});
