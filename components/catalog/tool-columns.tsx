"use client";

import { ACTION_TONE, RISK_TONE } from "@/components/catalog/tones";
import { Badge } from "@/components/ui/badge";
import { columnsFor, type ListColumn } from "@/components/ui/data-table";
import type { ToolView } from "@/lib/server/catalog/views";

const t = columnsFor<ToolView>();
const RISK_ORDER = { low: 0, medium: 1, high: 2 } as Record<string, number>;

/** The catalogue's tool columns, shared by the Servers list and a server's own page. */
export const TOOL_COLUMNS = [
  t.accessor("name", {
    header: "Tool",
    sortFn: "text",
    cell: (c) => (
      <>
        <div className="font-mono text-slate-900">{c.getValue()}</div>
        {c.row.original.description && (
          <div className="line-clamp-1 max-w-xl text-xs text-slate-500" title={c.row.original.description}>
            {c.row.original.description}
          </div>
        )}
      </>
    ),
  }),
  t.accessor("action", {
    header: "Class",
    meta: { className: "hidden sm:table-cell" },
    cell: (c) => <Badge tone={ACTION_TONE[c.getValue()]}>{c.getValue()}</Badge>,
  }),
  t.accessor((r) => RISK_ORDER[r.risk] ?? 0, {
    id: "risk",
    header: "Risk",
    sortFn: "basic",
    meta: { className: "whitespace-nowrap" },
    cell: (c) => (
      <span className="flex items-center gap-1">
        <Badge tone={RISK_TONE[c.row.original.risk]}>{c.row.original.risk} risk</Badge>
        {c.row.original.overridden && (
          <span className="hidden text-xs text-slate-500 sm:inline" title={c.row.original.override_reason ?? ""}>
            overridden
          </span>
        )}
      </span>
    ),
  }),
] as ListColumn<ToolView>[];
