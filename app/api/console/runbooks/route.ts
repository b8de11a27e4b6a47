import { handler } from "@/lib/server/handler";
import { listRunbooks } from "@/lib/server/operations";

export const GET = handler({ access: { permission: "dashboard:read" } }, async ({ prisma }) => ({
  runbooks: await listRunbooks(prisma),
}));
