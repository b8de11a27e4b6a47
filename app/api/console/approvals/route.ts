import { handler } from "@/lib/server/handler";
import { countApprovals, listApprovals } from "@/lib/server/enforcement/approval-queue";
import { approvalListQuery } from "@/lib/schemas/approvals";

export const GET = handler(
  { access: { permission: "approvals:read" }, query: approvalListQuery },
  async ({ prisma, principal, query }) => {
    const [approvals, total] = await Promise.all([
      listApprovals(prisma, principal, query),
      countApprovals(prisma, query),
    ]);
    return { approvals, total };
  },
);
