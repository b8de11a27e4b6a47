import { rotateAgentSecret } from "@/lib/server/agents";
import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";

export const POST = handler({ access: { permission: "agents:write" } }, async ({ prisma, actor, params }) =>
  rotateAgentSecret(prisma, actor, uuidParam(params.id, "The agent")),
);
