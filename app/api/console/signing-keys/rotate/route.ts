import { handler } from "@/lib/server/handler";
import { rotateSigningKey } from "@/lib/server/identity/signing-keys";

/** New tokens are signed with a new key; the old key stays published until its tokens have expired. */
export const POST = handler({ access: { permission: "settings:manage" } }, async ({ prisma, actor }) =>
  Response.json(await rotateSigningKey(prisma, actor), { status: 201 }),
);
