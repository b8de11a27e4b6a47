import { z } from "zod";
import { checkJsonShape, readLimited, parseWith } from "@/lib/server/handler";
import { BadRequest, NotFound, UnsupportedMediaType } from "@/lib/server/errors";
import { agentRoute } from "@/lib/server/enforcement/agent-routes";
import { reportResult } from "@/lib/server/enforcement/report-result";
import { toolResultSchema } from "@/lib/schemas/decisions";

export const dynamic = "force-dynamic";
const MAX_OUTPUT = 5 * 1024 * 1024 + 64 * 1024;

export const POST = agentRoute(async ({ req, prisma, agent, params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw NotFound("The decision");
  if ((req.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase() !== "application/json")
    throw UnsupportedMediaType("application/json");
  let value: unknown;
  try {
    value = JSON.parse(await readLimited(req, MAX_OUTPUT));
  } catch (err) {
    if (err instanceof SyntaxError) throw BadRequest("The body is not valid JSON.", "invalid-json");
    throw err;
  }
  checkJsonShape(value, "body");
  const result = await reportResult(prisma, agent, id.data, parseWith(toolResultSchema, value, "body"));
  return Response.json(result, { headers: { "cache-control": "no-store" } });
});
