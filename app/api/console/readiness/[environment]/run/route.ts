import { environmentSchema } from "@/lib/schemas/identity";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";
import { runChecklist } from "@/lib/server/readiness/run";

/** Runs the whole checklist (probes included) now; audited; 429 within a minute of the last run of the environment. */
export const POST = handler({ access: { permission: "operations:manage" } }, async ({ prisma, actor, params }) => {
  const environment = environmentSchema.safeParse(params.environment);
  if (!environment.success) throw NotFound("The environment");
  const run = await runChecklist(prisma, environment.data, { trigger: "manual", actor });
  return Response.json(run, { status: 201, headers: { "cache-control": "no-store" } });
});
