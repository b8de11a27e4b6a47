import { siemDestinationSchema } from "@/lib/schemas/siem";
import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { deleteDestination, updateDestination } from "@/lib/server/siem/destinations";

/** One SIEM destination: its settings replaced (a secret left out is kept) or the destination removed. */
export const PUT = handler(
  { access: { permission: "settings:manage" }, body: siemDestinationSchema },
  async ({ prisma, actor, body, params }) => {
    await updateDestination(prisma, actor, uuidParam(params.id, "The SIEM destination"), body);
    return { id: uuidParam(params.id, "The SIEM destination") };
  },
);
export const DELETE = handler({ access: { permission: "settings:manage" } }, async ({ prisma, actor, params }) => {
  await deleteDestination(prisma, actor, uuidParam(params.id, "The SIEM destination"));
  return new Response(null, { status: 204 });
});
