import { z } from "zod";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";
import { voteOnApproval } from "@/lib/server/enforcement/decide-approval";
import { denySchema } from "@/lib/schemas/approvals";

export const POST = handler(
  { access: { permission: "approvals:decide" }, body: denySchema },
  async ({ prisma, principal, params, body }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw NotFound("The approval");
    return voteOnApproval(prisma, id.data, principal, { approve: false, reason: body.reason });
  },
);
