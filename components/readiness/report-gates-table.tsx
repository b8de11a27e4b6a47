"use client";

import { GateStateBadge } from "@/components/dashboard/gate-state";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import type { ReadinessReport } from "./types";

type Gate = ReadinessReport["gates"][number];
const col = columnsFor<Gate>();
/** Sorting by state puts what blocks production first. */
const SEVERITY: Record<Gate["state"], number> = { BLOCK: 0, NO_DATA: 1, WARN: 2, PASS: 3 };

const GATE_COLUMNS = [
  col.accessor("title", { header: "Gate", sortFn: "text" }),
  col.accessor((g) => SEVERITY[g.state], {
    id: "state",
    header: "State",
    sortFn: "basic",
    cell: (c) => <GateStateBadge state={c.row.original.state} />,
  }),
  col.accessor("owner", { header: "Owner", sortFn: "text" }),
  col.accessor("reason", { header: "Reason", enableSorting: false, meta: { className: "text-slate-600" } }),
] as ListColumn<Gate>[];

/** The report's gates: each with its state (word and icon), owner and reason. */
export function ReportGatesTable({ gates }: { gates: Gate[] }) {
  return (
    <DataTable
      data={gates}
      columns={GATE_COLUMNS}
      rowId={(g) => g.metric}
      rowTestId={(g) => `report-gate-${g.metric}`}
      noun="gates"
      columnMenu={false}
      flush
      testId="report-gates"
    />
  );
}
