import { ensureGateWatcher } from "@/lib/server/metrics/evaluate-gates";
import { metricsRoute } from "@/lib/server/metrics/metrics-route";
import { readerEnvironment } from "@/lib/server/metrics/reader";
import { gatesWithVerdict } from "@/lib/server/readiness/go-no-go";
import { environmentQuery } from "@/lib/schemas/metrics";

export const dynamic = "force-dynamic";

/** Every gate of one environment with the one go/no-go verdict over gates and checklist (metrics token or dashboard:read). */
export const GET = metricsRoute({ query: environmentQuery }, async ({ prisma, reader, query }) => {
  ensureGateWatcher(prisma);
  return gatesWithVerdict(prisma, readerEnvironment(reader, query.environment));
});
