import { handler } from "@/lib/server/handler";
import { recordAudit } from "@/lib/server/audit";
import { getDb } from "@/lib/server/db";
import { exportFilename, exportStream } from "@/lib/server/audit-search/export";
import { payloadVisible } from "@/lib/server/audit-search/search";
import { auditExportQuery } from "@/lib/schemas/audit";

export const dynamic = "force-dynamic";

const TYPES = { csv: "text/csv; charset=utf-8", ndjson: "application/x-ndjson; charset=utf-8" } as const;

/** GET /api/console/audit/export?format=csv|ndjson&max_rows=…&…filters — streamed, page by page; the export itself is audited. */
export const GET = handler(
  { access: { permission: "audit:read" }, query: auditExportQuery },
  async ({ prisma, principal, actor, query }) => {
    const payload = payloadVisible(principal);
    const { format, max_rows, ...filters } = query;
    const defined = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined));
    await recordAudit(prisma, {
      actor,
      action: "audit.export",
      data: { format, max_rows, filters: defined, arguments_included: payload && filters.kind === "decisions" },
    });
    return new Response(exportStream((await getDb()).sql, query, { payload }), {
      headers: {
        "content-type": TYPES[format],
        "content-disposition": `attachment; filename="${exportFilename(filters.kind, format)}"`,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      },
    });
  },
);
