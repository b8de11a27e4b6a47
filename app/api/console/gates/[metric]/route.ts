import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";
import { resetGateSetting, updateGateSetting } from "@/lib/server/metrics/gate-settings";
import { gateConfigSchema, metricNameSchema } from "@/lib/schemas/metrics";

function metricOf(raw: string | undefined) {
  const parsed = metricNameSchema.safeParse(raw);
  if (!parsed.success) throw NotFound("The gate");
  return parsed.data;
}

/** An admin edits a gate's target, block threshold, window, sustained flag and owner (audited). */
export const PUT = handler(
  { access: { permission: "settings:manage" }, body: gateConfigSchema },
  async ({ prisma, actor, params, body }) =>
    updateGateSetting(prisma, actor, metricOf(params.metric), {
      target: body.target,
      block: body.block,
      windowMinutes: body.window_minutes,
      sustained: body.sustained,
      owner: body.owner,
    }),
);

/** Back to the defaults in docs/gates-and-readiness.md#gates. */
export const DELETE = handler({ access: { permission: "settings:manage" } }, async ({ prisma, actor, params }) =>
  resetGateSetting(prisma, actor, metricOf(params.metric)),
);
