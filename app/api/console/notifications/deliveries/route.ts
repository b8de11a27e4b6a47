import { listDeliveries } from "@/lib/server/approval-admin";
import { handler } from "@/lib/server/handler";

export const GET = handler({ access: { permission: "settings:manage" } }, async ({ prisma }) => ({
  deliveries: await listDeliveries(prisma),
}));
