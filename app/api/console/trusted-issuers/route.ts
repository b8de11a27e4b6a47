import { handler } from "@/lib/server/handler";
import { createTrustedIssuer, listTrustedIssuers } from "@/lib/server/identity/trusted-issuers";
import { trustedIssuerSchema } from "@/lib/schemas/identity";

export const GET = handler({ access: { permission: "settings:manage" } }, async ({ prisma }) => ({
  issuers: await listTrustedIssuers(prisma),
}));

export const POST = handler(
  { access: { permission: "settings:manage" }, body: trustedIssuerSchema },
  async ({ prisma, actor, body }) => Response.json(await createTrustedIssuer(prisma, actor, body), { status: 201 }),
);
