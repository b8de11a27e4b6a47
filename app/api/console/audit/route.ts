import { handler } from "@/lib/server/handler";
import { getDb } from "@/lib/server/db";
import { payloadVisible, searchAudit } from "@/lib/server/audit-search/search";
import { auditSearchQuery } from "@/lib/schemas/audit";

export const dynamic = "force-dynamic";

/** GET /api/console/audit?kind=decisions|events&…filters&cursor= — one keyset page, newest first. */
export const GET = handler(
  { access: { permission: "audit:read" }, query: auditSearchQuery },
  async ({ principal, query }) => {
    const { cursor, limit, ...filters } = query;
    const page = await searchAudit((await getDb()).sql, filters.kind, filters, {
      payload: payloadVisible(principal),
      cursor,
      limit,
    });
    return { kind: filters.kind, arguments_visible: payloadVisible(principal), ...page };
  },
);
