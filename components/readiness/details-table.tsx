"use client";

import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";

type Fact = Record<string, unknown>;
const col = columnsFor<Fact>();
const CELL = "max-w-[22rem] truncate font-mono text-xs text-slate-700";

/** One column per field seen, ids left out except those a person follows (approval, decision). */
function columnsOf(rows: Fact[]): ListColumn<Fact>[] {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter(
    (c) => !c.endsWith("_id") || c === "approval_id" || c === "decision_id",
  );
  return keys.map((key) =>
    col.accessor((r) => sortValue(r[key]), {
      id: key,
      header: key.replace(/_/g, " "),
      sortFn: "alphanumeric",
      meta: { className: CELL },
      cell: (c) => <FactCell value={c.row.original[key]} link={key === "url"} />,
    }),
  ) as ListColumn<Fact>[];
}

/** A check's facts as a small sortable table (nested values as compact JSON); all shown rows on one page, so they print. */
export function DetailsTable({ rows, max = 50 }: { rows: Fact[]; max?: number }) {
  if (rows.length === 0) return <p className="text-xs text-slate-500">No further facts recorded.</p>;
  const shown = rows.slice(0, max);
  return (
    <div>
      <DataTable
        data={shown}
        columns={columnsOf(rows)}
        rowId={(r) => String(shown.indexOf(r))}
        noun="facts"
        initialPageSize={50}
        columnMenu={false}
        flush
      />
      {rows.length > max && <p className="mt-1 text-xs text-slate-500">{rows.length - max} more in the JSON export.</p>}
    </div>
  );
}

function FactCell({ value, link }: { value: unknown; link: boolean }) {
  if (link && typeof value === "string" && value.startsWith("/"))
    return (
      <a className="text-indigo-700 hover:underline" href={value}>
        open
      </a>
    );
  const shown = text(value);
  return <span title={shown}>{shown}</span>;
}

/** Numbers sort as numbers, everything else as the text shown. */
function sortValue(v: unknown): string | number {
  return typeof v === "number" ? v : text(v);
}

function text(v: unknown): string {
  if (v === null || v === undefined) return "—";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return v.length ? v.join(", ") : "—";
  const s = JSON.stringify(v);
  return s.length > 160 ? `${s.slice(0, 157)}…` : s;
}
