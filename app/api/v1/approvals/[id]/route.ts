import { z } from "zod";
import { NotFound } from "@/lib/server/errors";
import { parseWith } from "@/lib/server/handler";
import { agentRoute } from "@/lib/server/enforcement/agent-routes";
import { approvalStatusForAgent, MAX_WAIT_SEC } from "@/lib/server/enforcement/approval-status";

export const dynamic = "force-dynamic";
const querySchema = z.object({ wait: z.coerce.number().int().min(0).max(MAX_WAIT_SEC).default(0) });

export const GET = agentRoute(async ({ req, prisma, agent, params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw NotFound("The approval");
  const { wait } = parseWith(querySchema, Object.fromEntries(new URL(req.url).searchParams), "query");
  return Response.json(await approvalStatusForAgent(prisma, id.data, agent.clientId, wait, req.signal), {
    headers: { "cache-control": "no-store" },
  });
});
