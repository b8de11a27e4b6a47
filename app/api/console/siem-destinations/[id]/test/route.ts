import { recordAudit } from "@/lib/server/audit";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { sendTestEvent } from "@/lib/server/siem/run";

/** Sends one synthetic event to the destination now (the cursor is not touched) and says whether it was acknowledged. */
export const POST = handler({ access: { permission: "settings:manage" } }, async ({ prisma, actor, params }) => {
  const id = uuidParam(params.id, "The SIEM destination");
  if (!(await prisma.siemDestination.findUnique({ where: { id }, select: { id: true } })))
    throw NotFound("The SIEM destination");
  const result = await sendTestEvent(prisma, id);
  await recordAudit(prisma, {
    actor,
    action: "siem_destination.test",
    target: { type: "siem_destination", id },
    data: { ok: result.ok, ...(result.ok ? {} : { error: result.error }) },
  });
  return result;
});
