import { handler } from "@/lib/server/handler";
import { gateHistory } from "@/lib/server/metrics/evaluate-gates";
import { dashboardQuery } from "@/lib/schemas/metrics";

export const GET = handler(
  { access: { permission: "dashboard:read" }, query: dashboardQuery },
  async ({ prisma, query }) => ({
    changes: await gateHistory(prisma, query.environment),
  }),
);
