import { z } from "zod";
import { handler } from "@/lib/server/handler";
import { deleteTrustedIssuer, setTrustedIssuerStatus } from "@/lib/server/identity/trusted-issuers";
import { uuidParam } from "@/lib/server/route-params";

const patchSchema = z.object({ status: z.enum(["active", "disabled"]) }).strict();

export const PATCH = handler(
  { access: { permission: "settings:manage" }, body: patchSchema },
  async ({ prisma, actor, params, body }) =>
    setTrustedIssuerStatus(prisma, actor, uuidParam(params.id, "The trusted issuer"), body.status),
);

export const DELETE = handler({ access: { permission: "settings:manage" } }, async ({ prisma, actor, params }) =>
  deleteTrustedIssuer(prisma, actor, uuidParam(params.id, "The trusted issuer")),
);
