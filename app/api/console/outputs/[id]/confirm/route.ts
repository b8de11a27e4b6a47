import { handler } from "@/lib/server/handler";
import { confirmQuarantined } from "@/lib/server/output-safety/quarantine";
import { uuidParam } from "@/lib/server/route-params";
import { confirmSchema } from "@/lib/schemas/output-safety";

/** Confirm: the output stays withheld for good. */
export const POST = handler(
  { access: { permission: "outputs:review" }, body: confirmSchema },
  async ({ prisma, principal, actor, params, body }) =>
    confirmQuarantined(prisma, uuidParam(params.id, "The quarantined output"), principal, actor, body.reason),
);
