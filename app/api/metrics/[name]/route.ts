import { gateDefinition, isMetricName } from "@/lib/metrics/gates";
import { parseWindow } from "@/lib/metrics/windows";
import { NotFound } from "@/lib/server/errors";
import { computeMetric, ensureGateWatcher } from "@/lib/server/metrics/evaluate-gates";
import { loadGateDefinitions } from "@/lib/server/metrics/gate-settings";
import { metricsRoute } from "@/lib/server/metrics/metrics-route";
import { readerEnvironment } from "@/lib/server/metrics/reader";
import { metricQuery } from "@/lib/schemas/metrics";

/**
 * One gate metric as a plain integer (docs/gates-and-readiness.md#gates); an empty window answers 0 with
 * X-Metric-State: NO_DATA.
 */
export const GET = metricsRoute({ query: metricQuery }, async ({ prisma, reader, query, params }) => {
  if (!isMetricName(params.name)) throw NotFound(`The metric ${JSON.stringify(params.name.slice(0, 80))}`);
  const environment = readerEnvironment(reader, query.environment);
  ensureGateWatcher(prisma);
  const minutes = query.window
    ? parseWindow(query.window)!
    : ((await loadGateDefinitions(prisma)).find((d) => d.metric === params.name) ?? gateDefinition(params.name))
        .windowMinutes;
  const value = await computeMetric(prisma, environment, params.name, minutes);
  return new Response(`${value ?? 0}\n`, {
    headers: {
      "content-type": "text/plain; charset=utf-8",
      "cache-control": "no-store",
      "x-metric-state": value === null ? "NO_DATA" : "OK",
      "x-metric-window": `${minutes}m`,
      "x-metric-environment": environment,
    },
  });
});
