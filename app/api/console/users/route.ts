import { handler } from "@/lib/server/handler";
import { createUser, listUsers } from "@/lib/server/users";
import { createUserSchema } from "@/lib/schemas/users";

export const GET = handler({ access: { permission: "users:read" } }, async ({ prisma }) => ({
  users: await listUsers(prisma),
}));

export const POST = handler(
  { access: { permission: "users:manage" }, body: createUserSchema },
  async ({ prisma, actor, body }) => Response.json(await createUser(prisma, actor, body), { status: 201 }),
);
