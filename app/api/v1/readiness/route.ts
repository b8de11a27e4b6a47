import { readinessQuery, windowMinutesOf } from "@/lib/readiness/schemas";
import { metricsRoute } from "@/lib/server/metrics/metrics-route";
import { readerEnvironment } from "@/lib/server/metrics/reader";
import { readinessReport } from "@/lib/server/readiness/report";

export const dynamic = "force-dynamic";

/** The thirteen readiness checks of one environment with the gates and the overall verdict (metrics token or dashboard:read). */
export const GET = metricsRoute({ query: readinessQuery }, async ({ prisma, reader, query }) =>
  readinessReport(prisma, readerEnvironment(reader, query.environment), {
    windowMinutes: windowMinutesOf(query.window),
  }),
);
