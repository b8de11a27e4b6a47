import { z } from "zod";
import { parseJsonBody, parseWith, readLimited, requireJsonType } from "@/lib/server/handler";
import { NotFound } from "@/lib/server/errors";
import { agentRoute } from "@/lib/server/enforcement/agent-routes";
import { reportResult } from "@/lib/server/enforcement/report-result";
import { toolResultSchema } from "@/lib/schemas/decisions";

export const dynamic = "force-dynamic";
const MAX_OUTPUT = 5 * 1024 * 1024 + 64 * 1024;

export const POST = agentRoute(async ({ req, prisma, agent, params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw NotFound("The decision");
  requireJsonType(req.headers.get("content-type"));
  const value = parseJsonBody(await readLimited(req, MAX_OUTPUT));
  const result = await reportResult(prisma, agent, id.data, parseWith(toolResultSchema, value, "body"));
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
