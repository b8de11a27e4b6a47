import { z } from "zod";
import { NotFound } from "@/lib/server/errors";
import { agentRoute } from "@/lib/server/enforcement/agent-routes";
import { approvalStatusForAgent, MAX_WAIT_SEC } from "@/lib/server/enforcement/approval-status";

export const dynamic = "force-dynamic";
const querySchema = z.object({ wait: z.coerce.number().int().min(0).max(MAX_WAIT_SEC).default(0) });

export const GET = agentRoute({ query: querySchema }, async ({ req, prisma, agent, params, query }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw NotFound("The approval");
  return approvalStatusForAgent(prisma, id.data, agent.clientId, query.wait, req.signal);
});
