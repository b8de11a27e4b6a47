import { handler } from "@/lib/server/handler";
import { releaseQuarantined } from "@/lib/server/output-safety/quarantine";
import { uuidParam } from "@/lib/server/route-params";
import { reviewReasonSchema } from "@/lib/schemas/output-safety";

/** Release with a reason: the agent may then fetch the output at GET /api/v1/outputs/{id} (secrets and PII still redacted). */
export const POST = handler(
  { access: { permission: "outputs:review" }, body: reviewReasonSchema },
  async ({ prisma, principal, actor, params, body }) =>
    releaseQuarantined(prisma, uuidParam(params.id, "The quarantined output"), principal, actor, body.reason),
);
