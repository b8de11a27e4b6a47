import { handler } from "@/lib/server/handler";
import { getDb } from "@/lib/server/db";
import { payloadVisible, searchAudit } from "@/lib/server/audit-search/search";
import { auditSearchQuery } from "@/lib/schemas/audit";

export const dynamic = "force-dynamic";

/** GET /api/console/audit?kind=decisions|events&…filters&cursor= — one keyset page, newest first. */
export const GET = handler(
  { access: { permission: "audit:read" }, query: auditSearchQuery },
  async ({ prisma, principal, query }) => {
    const { cursor, limit, ...filters } = query;
    const page = await searchAudit((await getDb()).sql, filters.kind, filters, {
      payload: payloadVisible(principal),
      cursor,
      limit,
    });
    // The ledger names agents; the client id stays the row's identity.
    const clientIds = [...new Set(page.items.flatMap((i) => ("client_id" in i ? [i.client_id] : [])))];
    const agents = clientIds.length
      ? await prisma.agent.findMany({ where: { clientId: { in: clientIds } }, select: { clientId: true, name: true } })
      : [];
    return {
      kind: filters.kind,
      arguments_visible: payloadVisible(principal),
      ...page,
      agent_names: Object.fromEntries(agents.map((a) => [a.clientId, a.name])),
    };
  },
);
