import { handler } from "@/lib/server/handler";
import { lookupToken } from "@/lib/server/operations";
import { tokenLookupQuerySchema } from "@/lib/schemas/operations";

/** `?q=` a token's jti or the id of a decision made with it → the token, its agent and whether it is live. */
export const GET = handler(
  { access: { permission: "agents:read" }, query: tokenLookupQuerySchema },
  async ({ prisma, query }) => lookupToken(prisma, query.q),
);
