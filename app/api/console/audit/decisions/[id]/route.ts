import { handler } from "@/lib/server/handler";
import { uuidParam } from "@/lib/server/route-params";
import { decisionDetail } from "@/lib/server/audit-search/detail";
import { payloadVisible } from "@/lib/server/audit-search/search";

export const dynamic = "force-dynamic";

export const GET = handler({ access: { permission: "audit:read" } }, async ({ prisma, principal, params }) =>
  decisionDetail(prisma, uuidParam(params.id, "The decision"), { payload: payloadVisible(principal) }),
);
