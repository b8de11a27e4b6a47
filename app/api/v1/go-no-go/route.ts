import { ensureGateWatcher } from "@/lib/server/metrics/evaluate-gates";
import { metricsRoute } from "@/lib/server/metrics/metrics-route";
import { readerEnvironment } from "@/lib/server/metrics/reader";
import { goNoGoReport } from "@/lib/server/readiness/go-no-go";
import { environmentQuery } from "@/lib/schemas/metrics";

export const dynamic = "force-dynamic";

/** The one go/no-go verdict (GO / NO_GO / NOT_READY) with its reasons in words (metrics token or dashboard:read). */
export const GET = metricsRoute({ query: environmentQuery }, async ({ prisma, reader, query }) => {
  ensureGateWatcher(prisma);
  return goNoGoReport(prisma, readerEnvironment(reader, query.environment));
});
