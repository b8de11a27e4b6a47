"use client";

import { useId, type ReactNode } from "react";

export type ChartCell = string | number | null | undefined;

export interface ChartTable {
  /** Column headings; the first column heads each row (time, server, rule…). */
  columns: string[];
  rows: ChartCell[][];
}

/** "—" for a missing value, thousands separated for numbers. */
function cellText(v: ChartCell): string {
  if (v === null || v === undefined || v === "") return "—";
  return typeof v === "number" ? v.toLocaleString("en") : v;
}

/**
 * A chart with its text alternatives (WCAG 1.1.1): the drawing is hidden from assistive technology,
 * a sentence summarises it, and the numbers behind it open as a table from a keyboard-reachable
 * disclosure. Every chart in the console goes through this component.
 */
export function ChartWithAlternative({
  title,
  summary,
  table,
  children,
  compact = false,
}: {
  /** Names the table ("Calls by server"). */
  title: string;
  /** One or two sentences a screen reader speaks instead of the drawing. */
  summary: string;
  table: ChartTable;
  /** The recharts drawing. */
  children: ReactNode;
  /** Small tiles: the summary is for screen readers only and the disclosure is tighter. */
  compact?: boolean;
}) {
  const summaryId = useId();
  return (
    <div data-testid="chart" aria-describedby={summaryId}>
      {/* The drawing repeats the table: assistive technology reads the summary and the table instead. */}
      <div aria-hidden data-chart-drawing>
        {children}
      </div>
      <p id={summaryId} className={compact ? "sr-only" : "mt-2 text-xs text-slate-600"} data-testid="chart-summary">
        {summary}
      </p>
      <details className={compact ? "mt-1 text-xs" : "mt-1 text-sm"}>
        <summary className="cursor-pointer select-none rounded text-xs font-medium text-indigo-700 hover:underline">
          {`Show the data behind “${title}” as a table`}
        </summary>
        <div className="mt-2 max-h-64 overflow-auto">
          <table className="w-full text-xs" data-testid="chart-table">
            <caption className="sr-only">{title}</caption>
            <thead className="text-left text-slate-600">
              <tr>
                {table.columns.map((c, i) => (
                  <th key={c} scope="col" className={`py-1 pr-3 font-medium ${i > 0 ? "text-right" : ""}`}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {table.rows.map((r, ri) => (
                <tr key={ri}>
                  {r.map((v, i) =>
                    i === 0 ? (
                      <th key={table.columns[i]} scope="row" className="py-1 pr-3 text-left font-normal text-slate-800">
                        {cellText(v)}
                      </th>
                    ) : (
                      <td key={table.columns[i]} className="py-1 pr-3 text-right tabular-nums text-slate-800">
                        {cellText(v)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

/** "peak 12 at 14:00" style summaries: the largest value of a numeric column and where it was. */
export function peakOf(rows: ChartCell[][], column: number): { value: number; at: ChartCell } | null {
  let best: { value: number; at: ChartCell } | null = null;
  for (const r of rows) {
    const v = r[column];
    if (typeof v === "number" && (best === null || v > best.value)) best = { value: v, at: r[0] };
  }
  return best;
}
