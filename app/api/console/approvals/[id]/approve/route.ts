import { z } from "zod";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";
import { voteOnApproval } from "@/lib/server/enforcement/decide-approval";
import { approveSchema } from "@/lib/schemas/approvals";

export const POST = handler(
  { access: { permission: "approvals:decide" }, body: approveSchema },
  async ({ prisma, principal, params, body }) => {
    const id = z.uuid().safeParse(params.id);
    if (!id.success) throw NotFound("The approval");
    return voteOnApproval(prisma, id.data, principal, {
      approve: true,
      reason: body.reason,
      arguments: body.arguments,
    });
  },
);
