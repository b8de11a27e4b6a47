import { handler } from "@/lib/server/handler";
import { listApprovals } from "@/lib/server/enforcement/approval-queue";
import { approvalListQuery } from "@/lib/schemas/approvals";

export const GET = handler(
  { access: { permission: "approvals:read" }, query: approvalListQuery },
  async ({ prisma, principal, query }) => ({
    approvals: await listApprovals(prisma, principal, query),
  }),
);
