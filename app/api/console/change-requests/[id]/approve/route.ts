import { z } from "zod";
import { decideChangeRequest } from "@/lib/server/change-requests";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";
import { approveChangeSchema } from "@/lib/schemas/change-requests";

export const POST = handler(
  { access: { permission: "policies:review" }, body: approveChangeSchema },
  async ({ prisma, principal, params, body }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw NotFound("The change request");
    return decideChangeRequest(prisma, id.data, principal, { approve: true, reason: body.reason });
  },
);
