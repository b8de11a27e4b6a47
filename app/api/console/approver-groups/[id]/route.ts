import { z } from "zod";
import { deleteGroup, updateGroup } from "@/lib/server/approval-admin";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";
import { groupUpdateSchema } from "@/lib/schemas/approval-workflow";

const idOf = (raw: string | undefined) => {
  const id = z.uuid().safeParse(raw);
  if (!id.success) throw NotFound("The group");
  return id.data;
};

export const PATCH = handler(
  { access: { permission: "settings:manage" }, body: groupUpdateSchema },
  async ({ prisma, actor, body, params }) => updateGroup(prisma, actor, idOf(params.id), body),
);

export const DELETE = handler({ access: { permission: "settings:manage" } }, async ({ prisma, actor, params }) => {
  await deleteGroup(prisma, actor, idOf(params.id));
  return new Response(null, { status: 204 });
});
