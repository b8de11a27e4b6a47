import { siemDestinationSchema } from "@/lib/schemas/siem";
import { handler } from "@/lib/server/handler";
import { createDestination } from "@/lib/server/siem/destinations";
import { siemDestinationsView } from "@/lib/server/siem/run";

/** SIEM destinations and their export status (docs/siem-export.md): auditors read, admins configure. */
export const GET = handler({ access: { permission: "audit:verify" } }, async ({ prisma }) => ({
  items: await siemDestinationsView(prisma),
}));
export const POST = handler(
  { access: { permission: "settings:manage" }, body: siemDestinationSchema },
  async ({ prisma, actor, body }) => {
    const id = await createDestination(prisma, actor, body);
    return Response.json({ id }, { status: 201 });
  },
);
