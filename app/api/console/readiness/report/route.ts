import { readinessReportQuery, windowMinutesOf } from "@/lib/readiness/schemas";
import { handler } from "@/lib/server/handler";
import { readinessReport } from "@/lib/server/readiness/report";

/** The readiness report as JSON; `?download=1` serves it as a file for the audit folder. */
export const GET = handler(
  { access: { permission: "dashboard:read" }, query: readinessReportQuery },
  async ({ prisma, query, actor }) => {
    const environment = query.environment ?? "production";
    const report = await readinessReport(prisma, environment, { windowMinutes: windowMinutesOf(query.window) });
    const body = { ...report, exported_by: actor.label };
    if (!query.download) return body;
    return new Response(JSON.stringify(body, null, 2), {
      headers: {
        "content-type": "application/json",
        "content-disposition": `attachment; filename="readiness-${environment}-${report.evaluated_at.slice(0, 16).replace(/[-:]/g, "")}Z.json"`,
        "cache-control": "no-store",
      },
    });
  },
);
