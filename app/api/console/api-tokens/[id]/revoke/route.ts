import { z } from "zod";
import { revokeApiToken } from "@/lib/server/api-tokens";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";

export const POST = handler(
  { access: { permission: "api_tokens:own" } },
  async ({ prisma, principal, actor, params }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw NotFound("The API token");
    return revokeApiToken(prisma, principal, actor, id.data);
  },
);
