import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { eventDetail } from "@/lib/server/audit-search/detail";
import { payloadVisible } from "@/lib/server/audit-search/search";

export const dynamic = "force-dynamic";

export const GET = handler({ access: { permission: "audit:read" } }, async ({ prisma, principal, params }) =>
  eventDetail(prisma, uuidParam(params.id, "The audit event"), { payload: payloadVisible(principal) }),
);
