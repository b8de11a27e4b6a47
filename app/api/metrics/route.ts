import { ensureGateWatcher } from "@/lib/server/metrics/evaluate-gates";
import { metricsRoute } from "@/lib/server/metrics/metrics-route";
import { prometheusExposition } from "@/lib/server/metrics/prometheus";
import { readerEnvironment } from "@/lib/server/metrics/reader";
import { environmentQuery } from "@/lib/schemas/metrics";

/** Prometheus exposition: metrics token (bearer or Basic) or dashboard:read. */
export const GET = metricsRoute({ query: environmentQuery }, async ({ prisma, reader, query }) => {
  ensureGateWatcher(prisma);
  const only = query.environment || reader.environment ? readerEnvironment(reader, query.environment) : null;
  const { contentType, body } = await prometheusExposition(prisma, only);
  return new Response(body, { headers: { "content-type": contentType, "cache-control": "no-store" } });
});
