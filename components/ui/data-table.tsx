"use client";

import {
  type ColumnDef,
  type RowData,
  createColumnHelper,
  createExpandedRowModel,
  createPaginatedRowModel,
  createSortedRowModel,
  rowExpandingFeature,
  rowPaginationFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  useTable,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, ChevronDown, ChevronRight } from "lucide-react";
import { Fragment, type ReactNode } from "react";
import { Button } from "./button";

/** The features every list in the console shares: sorting, paging, row expansion. */
export const tableFeaturesForLists = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  rowExpandingFeature,
  sortedRowModel: createSortedRowModel(),
  paginatedRowModel: createPaginatedRowModel(),
  expandedRowModel: createExpandedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, datetime: sortFn_datetime, basic: sortFn_basic },
});
export type ListFeatures = typeof tableFeaturesForLists;
export type ListColumn<T extends RowData> = ColumnDef<ListFeatures, T, unknown>;
export const columnsFor = <T extends RowData>() => createColumnHelper<ListFeatures, T>();

const PAGE_SIZES = [25, 50, 100] as const;

/**
 * One table for every list: sortable headers (buttons with aria-sort), pages with a page-size
 * choice and totals, and an optional detail row under each row.
 */
export function DataTable<T extends RowData>({
  data,
  columns,
  rowId,
  noun,
  renderDetail,
  footer,
  initialSort,
  testId,
}: {
  data: T[];
  columns: ListColumn<T>[];
  rowId: (row: T) => string;
  /** Plural noun for totals: "decisions". */
  noun: string;
  renderDetail?: (row: T) => ReactNode;
  /** Extra controls after the pager, e.g. "Load older". */
  footer?: ReactNode;
  initialSort?: { id: string; desc: boolean };
  testId?: string;
}) {
  const table = useTable({
    features: tableFeaturesForLists,
    columns,
    data,
    getRowId: (row) => rowId(row),
    getRowCanExpand: () => Boolean(renderDetail),
    initialState: {
      pagination: { pageIndex: 0, pageSize: 25 },
      sorting: initialSort ? [initialSort] : [],
    },
    autoResetPageIndex: false,
  });
  const { pageIndex, pageSize } = table.state.pagination;
  const total = data.length;
  const from = total === 0 ? 0 : pageIndex * pageSize + 1;
  const to = Math.min(total, (pageIndex + 1) * pageSize);
  const span = columns.length + (renderDetail ? 1 : 0);

  return (
    <div>
      <div className="relative -mx-5 overflow-x-auto px-5">
        <table className="w-full text-left text-sm" data-testid={testId}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {renderDetail && (
                  <th className="w-8 py-2">
                    <span className="sr-only">Details</span>
                  </th>
                )}
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const meta = header.column.columnDef.meta as { className?: string } | undefined;
                  return (
                    <th
                      key={header.id}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={`whitespace-nowrap py-2 pr-4 text-xs font-medium uppercase tracking-wide text-slate-600 ${meta?.className ?? ""}`}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                        >
                          <table.FlexRender header={header} />
                          {sorted === "asc" ? (
                            <ArrowUp size={12} aria-hidden />
                          ) : sorted === "desc" ? (
                            <ArrowDown size={12} aria-hidden />
                          ) : (
                            <ArrowUpDown size={12} aria-hidden className="opacity-40" />
                          )}
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-slate-100">
            {table.getRowModel().rows.map((row) => (
              <Fragment key={row.id}>
                <tr className="align-top" data-testid={testId ? `${testId}-row` : undefined}>
                  {renderDetail && (
                    <td className="py-2 pr-1">
                      <button
                        type="button"
                        onClick={row.getToggleExpandedHandler()}
                        aria-expanded={row.getIsExpanded()}
                        aria-label={row.getIsExpanded() ? "Hide details" : "Show details"}
                        className="rounded p-0.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                      >
                        {row.getIsExpanded() ? (
                          <ChevronDown size={16} aria-hidden />
                        ) : (
                          <ChevronRight size={16} aria-hidden />
                        )}
                      </button>
                    </td>
                  )}
                  {row.getAllCells().map((cell) => {
                    const meta = cell.column.columnDef.meta as { className?: string } | undefined;
                    return (
                      <td key={cell.id} className={`py-2 pr-4 ${meta?.className ?? ""}`}>
                        <table.FlexRender cell={cell} />
                      </td>
                    );
                  })}
                </tr>
                {renderDetail && row.getIsExpanded() && (
                  <tr className="bg-slate-50">
                    <td colSpan={span} className="px-3 py-3">
                      {renderDetail(row.original)}
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
        <span data-testid={testId ? `${testId}-totals` : undefined}>
          {from.toLocaleString("en")}–{to.toLocaleString("en")} of {total.toLocaleString("en")} {noun}
        </span>
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1.5">
            Rows per page
            <select
              value={pageSize}
              onChange={(e) => table.setPageSize(Number(e.target.value))}
              className="rounded-md bg-white px-2 py-1 text-sm ring-1 ring-slate-300"
            >
              {PAGE_SIZES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <Button variant="secondary" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
            Previous
          </Button>
          <span className="tabular-nums">
            Page {pageIndex + 1} of {Math.max(1, table.getPageCount())}
          </span>
          <Button variant="secondary" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
            Next
          </Button>
          {footer}
        </div>
      </div>
    </div>
  );
}
