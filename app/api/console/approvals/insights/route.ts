import { z } from "zod";
import { handler } from "@/lib/server/handler";
import { approvalInsights } from "@/lib/server/enforcement/approval-insights";

export const GET = handler(
  {
    access: { permission: "approvals:read" },
    query: z.object({ days: z.coerce.number().int().min(1).max(365).default(30) }),
  },
  async ({ prisma, query }) => approvalInsights(prisma, query.days),
);
