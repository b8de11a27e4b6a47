import { z } from "zod";
import { deleteChannel } from "@/lib/server/approval-admin";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";

export const DELETE = handler({ access: { permission: "settings:manage" } }, async ({ prisma, actor, params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw NotFound("The channel");
  await deleteChannel(prisma, actor, id.data);
  return new Response(null, { status: 204 });
});
