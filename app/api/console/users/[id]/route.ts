import { z } from "zod";
import { handler } from "@/lib/server/handler";
import { NotFound } from "@/lib/server/errors";
import { updateUser } from "@/lib/server/users";
import { updateUserSchema } from "@/lib/schemas/users";

export const PATCH = handler(
  { access: { permission: "users:manage" }, body: updateUserSchema },
  async ({ prisma, actor, body, params }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw NotFound("The user");
    return updateUser(prisma, actor, id.data, body);
  },
);
