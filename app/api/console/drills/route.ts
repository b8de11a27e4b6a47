import { ENVIRONMENTS } from "@/lib/schemas/identity";
import { drillListQuerySchema, runDrillSchema } from "@/lib/schemas/operations";
import { handler } from "@/lib/server/handler";
import { lastDrill, listDrillReports, runDrill } from "@/lib/server/operations";

/** Drill reports, newest first, and per environment the last passed drill and this quarter's state. */
export const GET = handler(
  { access: { permission: "dashboard:read" }, query: drillListQuerySchema },
  async ({ prisma, query }) => {
    const environments = query.environment ? [query.environment] : [...ENVIRONMENTS];
    const [reports, last] = await Promise.all([
      listDrillReports(prisma, { environment: query.environment }),
      Promise.all(environments.map((e) => lastDrill(prisma, e))),
    ]);
    return { reports, last };
  },
);

/** Runs a revoke-and-restore drill now (a few seconds) and answers with its report. */
export const POST = handler(
  { access: { permission: "operations:manage" }, body: runDrillSchema },
  async ({ prisma, actor, body }) => Response.json(await runDrill(prisma, actor, body.environment), { status: 201 }),
);
