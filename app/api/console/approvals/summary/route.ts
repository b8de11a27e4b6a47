import { handler } from "@/lib/server/handler";
import { pendingSummary } from "@/lib/server/enforcement/approval-queue";

export const GET = handler({ access: { permission: "approvals:read" } }, async ({ prisma }) => pendingSummary(prisma));
