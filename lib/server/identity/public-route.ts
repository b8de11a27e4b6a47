import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getDb } from "../db";
import { isDatabaseUnavailable } from "../db-errors";
import { logRepeated } from "../error-log";

/**
 * For the public OAuth routes (well-known metadata, token endpoint), which answer plain
 * JSON rather than problem+json: database outage → 503, unexpected error → 500 without detail.
 */
export async function withDb(fn: (prisma: PrismaClient) => Promise<Response>): Promise<Response> {
  let prisma: PrismaClient;
  try {
    prisma = (await getDb()).prisma;
  } catch {
    return jsonError(503, "temporarily_unavailable", "The database cannot be reached.");
  }
  try {
    return await fn(prisma);
  } catch (err) {
    if (isDatabaseUnavailable(err)) {
      logRepeated("oauth route: database unavailable", err);
      return jsonError(503, "temporarily_unavailable", "The database cannot be reached; try again shortly.");
    }
    logRepeated("oauth route failed", err);
    return jsonError(500, "server_error", "Something went wrong.");
  }
}

function jsonError(status: number, error: string, description: string): Response {
  return new Response(JSON.stringify({ error, error_description: description }), {
    status,
    headers: { "content-type": "application/json", "cache-control": "no-store" },
  });
}
