import { z } from "zod";
import { handler } from "@/lib/server/handler";
import { getDrillReport } from "@/lib/server/operations";
import { uuidParam } from "@/lib/server/route-params";

const querySchema = z.object({ download: z.enum(["1", "true"]).optional() }).strict();

/** One drill report as JSON; `?download=1` serves it as a file for the evidence folder. */
export const GET = handler(
  { access: { permission: "dashboard:read" }, query: querySchema },
  async ({ prisma, params, query }) => {
    const report = await getDrillReport(prisma, uuidParam(params.id, "The drill report"));
    if (!query.download) return report;
    return new Response(JSON.stringify(report, null, 2), {
      headers: {
        "content-type": "application/json",
        "content-disposition": `attachment; filename="drill-${report.environment}-${report.started_at.slice(0, 10)}-${report.id.slice(0, 8)}.json"`,
        "cache-control": "no-store",
      },
    });
  },
);
