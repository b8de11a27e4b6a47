import { listChangeRequests } from "@/lib/server/change-requests";
import { handler } from "@/lib/server/handler";
import { changeRequestListQuery } from "@/lib/schemas/change-requests";

export const GET = handler(
  { access: { permission: "policies:read" }, query: changeRequestListQuery },
  async ({ prisma, query }) => ({
    change_requests: await listChangeRequests(prisma, query.status),
  }),
);
