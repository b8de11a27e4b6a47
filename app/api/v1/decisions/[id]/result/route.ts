import { z } from "zod";
import { readJsonBody } from "@/lib/server/handler";
import { NotFound } from "@/lib/server/errors";
import { agentRoute } from "@/lib/server/enforcement/agent-routes";
import { reportResult } from "@/lib/server/enforcement/report-result";
import { toolResultSchema } from "@/lib/schemas/decisions";
import { MAX_OUTPUT_BODY } from "@/lib/schemas/output-safety";

export const dynamic = "force-dynamic";

export const POST = agentRoute(async ({ req, prisma, agent, params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw NotFound("The decision");
  const body = await readJsonBody(req, toolResultSchema, MAX_OUTPUT_BODY);
  const result = await reportResult(prisma, agent, id.data, body);
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
