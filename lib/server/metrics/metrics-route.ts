import "server-only";
import type { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { handler } from "../handler";
import { authenticateMetricsReader, type MetricsReader } from "./reader";

/**
 * Metric and gate endpoints: the console handler wrapper (problem+json, zod, request id)
 * with their own credentials — a metrics token (bearer or Basic password), or a person's
 * API token or session with dashboard:read. Read-only (GET).
 */
export function metricsRoute<QS extends z.ZodType>(
  opts: { query: QS },
  fn: (ctx: {
    req: Request;
    prisma: PrismaClient;
    reader: MetricsReader;
    query: z.infer<QS>;
    params: Record<string, string>;
  }) => Promise<Response | unknown>,
) {
  return handler({ access: { public: true }, query: opts.query }, async ({ req, prisma, query, params }) => {
    const reader = await authenticateMetricsReader(prisma, req.headers);
    return fn({ req, prisma, reader, query: query as z.infer<QS>, params });
  });
}
