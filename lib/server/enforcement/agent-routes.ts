import "server-only";
import type { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  DEFAULT_MAX_BODY,
  errorResponse,
  parseQuery,
  processDatabase,
  readRequestBody,
  requestIdOf,
  resultResponse,
  routeParams,
} from "../handler";
import { resourceUrlFor } from "../identity/metadata";
import { authenticateAgent, type AgentPrincipal } from "../identity/token-guard";
import { countAuthFailure } from "../metrics/rollups";

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;

export interface AgentRouteContext<B, Q> {
  req: Request;
  prisma: PrismaClient;
  agent: AgentPrincipal;
  requestId: string;
  params: Record<string, string>;
  body: B;
  query: Q;
}

interface AgentRouteOptions<BS extends z.ZodType | undefined, QS extends z.ZodType | undefined> {
  body?: BS;
  query?: QS;
  /** Default: the console handlers' DEFAULT_MAX_BODY. */
  maxBodyBytes?: number;
}

/**
 * Agent-facing routes besides /decisions: the token guard first (docs/order-of-checks.md#1-authenticate), then the same
 * pieces as every console handler (lib/server/handler.ts): query and body (strict UTF-8, 413, 415,
 * 422), params, and problem+json for every failure with database outages as 503.
 */
export function agentRoute<BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
  opts: AgentRouteOptions<BS, QS>,
  fn: (ctx: AgentRouteContext<Infer<BS>, Infer<QS>>) => Promise<Response | unknown>,
) {
  const limits = { maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY };
  return async (
    req: Request,
    routeCtx?: { params?: Promise<Record<string, string | string[]>> },
  ): Promise<Response> => {
    const requestId = requestIdOf(req);
    try {
      const prisma = await processDatabase();
      const auth = await authenticateAgent(req, { resourceUrl: resourceUrlFor(new URL(req.url).pathname), prisma });
      if (!auth.ok) return countAuthFailure(auth.response, req, prisma);
      const query = parseQuery(req, opts.query) as Infer<QS>;
      const body = (opts.body ? await readRequestBody(req, opts.body, limits) : undefined) as Infer<BS>;
      const params = await routeParams(routeCtx);
      return resultResponse(await fn({ req, prisma, agent: auth.agent, requestId, params, body, query }), requestId);
    } catch (err) {
      return errorResponse(err, requestId);
    }
  };
}
