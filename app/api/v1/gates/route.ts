import { ensureGateWatcher, evaluateEnvironmentGates, gateReportJson } from "@/lib/server/metrics/evaluate-gates";
import { metricsRoute } from "@/lib/server/metrics/metrics-route";
import { readerEnvironment } from "@/lib/server/metrics/reader";
import { environmentQuery } from "@/lib/schemas/metrics";

/** Every gate of one environment with the overall GO / NO_GO (metrics token or dashboard:read). */
export const GET = metricsRoute({ query: environmentQuery }, async ({ prisma, reader, query }) => {
  ensureGateWatcher(prisma);
  return gateReportJson(await evaluateEnvironmentGates(prisma, readerEnvironment(reader, query.environment)));
});
