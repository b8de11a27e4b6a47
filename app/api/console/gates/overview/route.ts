import { handler } from "@/lib/server/handler";
import { dashboardData } from "@/lib/server/metrics/dashboard";
import { ensureGateWatcher } from "@/lib/server/metrics/evaluate-gates";
import { dashboardQuery } from "@/lib/schemas/metrics";

/** The readiness dashboard's data: verdict per environment, gates with sparklines, charts. */
export const GET = handler(
  { access: { permission: "dashboard:read" }, query: dashboardQuery },
  async ({ prisma, query }) => {
    ensureGateWatcher(prisma);
    return dashboardData(prisma, query.environment, query.range);
  },
);
