import { z } from "zod";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";
import { approvalDetail } from "@/lib/server/enforcement/approval-queue";

export const GET = handler({ access: { permission: "approvals:read" } }, async ({ prisma, principal, params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw NotFound("The approval");
  return approvalDetail(prisma, principal, id.data);
});
