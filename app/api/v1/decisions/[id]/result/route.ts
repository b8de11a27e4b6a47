import { NotFound } from "@/lib/server/errors";
import { agentRoute } from "@/lib/server/enforcement/agent-routes";
import { reportResult } from "@/lib/server/enforcement/report-result";
import { toolResultSchema } from "@/lib/schemas/decisions";
import { z } from "zod";

export const dynamic = "force-dynamic";
const MAX_OUTPUT = 5 * 1024 * 1024 + 64 * 1024;

export const POST = agentRoute(
  { body: toolResultSchema, maxBodyBytes: MAX_OUTPUT },
  async ({ prisma, agent, params, body }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw NotFound("The decision");
    return reportResult(prisma, agent, id.data, body);
  },
);
