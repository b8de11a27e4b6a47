import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getDb } from "../db";
import { problemResponse, toProblem } from "../errors";
import { classifyDbError, requestIdOf } from "../handler";
import { resourceUrlFor } from "../identity/metadata";
import { authenticateAgent, type AgentPrincipal } from "../identity/token-guard";
import { countAuthFailure } from "../metrics/rollups";

/** Agent-facing routes besides /decisions: token guard first, problem+json for every failure. */
export function agentRoute(
  fn: (ctx: {
    req: Request;
    prisma: PrismaClient;
    agent: AgentPrincipal;
    requestId: string;
    params: Record<string, string>;
  }) => Promise<Response>,
) {
  return async (req: Request, routeCtx?: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    const requestId = requestIdOf(req);
    try {
      const prisma = (await getDb()).prisma;
      const auth = await authenticateAgent(req, { resourceUrl: resourceUrlFor(new URL(req.url).pathname), prisma });
      if (!auth.ok) return countAuthFailure(auth.response, req, prisma);
      return await fn({ req, prisma, agent: auth.agent, requestId, params: (await routeCtx?.params) ?? {} });
    } catch (err) {
      // Database outages are 503s here as on console routes, never 500s.
      return problemResponse(toProblem(classifyDbError(err), requestId), requestId);
    }
  };
}
