import { createApiToken, listApiTokens } from "@/lib/server/api-tokens";
import { handler } from "@/lib/server/handler";
import { createApiTokenSchema } from "@/lib/schemas/users";

export const GET = handler({ access: { permission: "api_tokens:own" } }, async ({ prisma, principal }) => ({
  tokens: await listApiTokens(prisma, principal.userId),
}));

export const POST = handler(
  { access: { permission: "api_tokens:own" }, body: createApiTokenSchema },
  async ({ prisma, principal, actor, body }) =>
    Response.json(await createApiToken(prisma, principal, actor, body.name), { status: 201 }),
);
