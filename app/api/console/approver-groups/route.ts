import { createGroup, listGroups } from "@/lib/server/approval-admin";
import { handler } from "@/lib/server/handler";
import { groupSchema } from "@/lib/schemas/approval-workflow";

export const GET = handler({ access: { permission: "approvals:read" } }, async ({ prisma }) => ({
  groups: await listGroups(prisma),
}));

export const POST = handler(
  { access: { permission: "settings:manage" }, body: groupSchema },
  async ({ prisma, actor, body }) => Response.json(await createGroup(prisma, actor, body), { status: 201 }),
);
