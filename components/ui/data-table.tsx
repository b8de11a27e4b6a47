"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
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
  columnVisibilityFeature,
  useTable,
} from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown, Check, ChevronDown, ChevronRight, Columns3 } from "lucide-react";
import { Fragment, type ReactNode, useEffect } from "react";
import { Button } from "./button";

/** The features every list in the console shares: sorting, paging, row expansion, column visibility. */
export const tableFeaturesForLists = tableFeatures({
  rowSortingFeature,
  columnVisibilityFeature,
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

const PAGE_SIZES = [10, 25, 50, 100] as const;

/** Column meta the table reads: a class for the cells, and the name shown in the "Columns" menu. */
export interface ListColumnMeta {
  className?: string;
  /** For the "Columns" menu when the header is not plain text. */
  label?: string;
  /** Hidden until chosen in the "Columns" menu (wide columns whose content the row's detail shows too). */
  hiddenByDefault?: boolean;
}

const metaOf = (column: { columnDef: { meta?: unknown } }) => column.columnDef.meta as ListColumnMeta | undefined;

/**
 * One table for every list: sortable headers (buttons with aria-sort), pages with a page-size
 * choice and totals, a "Columns" menu to hide columns, and an optional detail row under each row.
 */
export function DataTable<T extends RowData>({
  data,
  columns,
  rowId,
  rowTestId,
  noun,
  renderDetail,
  footer,
  initialSort,
  initialPageSize = 25,
  testId,
  columnMenu = true,
  flush = false,
}: {
  data: T[];
  columns: ListColumn<T>[];
  rowId: (row: T) => string;
  /** data-testid of each row; defaults to `${testId}-row`. */
  rowTestId?: (row: T) => string;
  /** Plural noun for totals: "decisions". */
  noun: string;
  renderDetail?: (row: T) => ReactNode;
  /** Extra controls after the pager, e.g. "Load older". */
  footer?: ReactNode;
  initialSort?: { id: string; desc: boolean };
  initialPageSize?: (typeof PAGE_SIZES)[number];
  testId?: string;
  /** Offer the "Columns" menu (off for tables of two or three columns). */
  columnMenu?: boolean;
  /** Inside a box of its own (not a card's padding): no bleed into the card's margin. */
  flush?: boolean;
}) {
  const table = useTable({
    features: tableFeaturesForLists,
    columns,
    data,
    getRowId: (row) => rowId(row),
    getRowCanExpand: () => Boolean(renderDetail),
    initialState: {
      pagination: { pageIndex: 0, pageSize: initialPageSize },
      sorting: initialSort ? [initialSort] : [],
      columnVisibility: Object.fromEntries(
        columns
          .filter((c) => (c.meta as ListColumnMeta | undefined)?.hiddenByDefault)
          .map((c) => [c.id ?? (c as { accessorKey?: string }).accessorKey, false]),
      ),
    },
    autoResetPageIndex: false,
  });
  const { pageIndex, pageSize } = table.state.pagination;
  const total = data.length;
  const { pageCount, shownPage, from, to } = pageWindow(total, pageIndex, pageSize);
  useEffect(() => {
    if (shownPage !== pageIndex) table.setPageIndex(shownPage);
  }, [shownPage, pageIndex, table]);
  const visible = table.getVisibleLeafColumns();
  const span = visible.length + (renderDetail ? 1 : 0);
  const paged = total > PAGE_SIZES[0];
  // "1 rule", "1 decision loaded": the first word ending in s loses it.
  const word = total === 1 ? noun.replace(/^(.*?\b\w+?)s\b/, "$1") : noun;
  const hideable = table.getAllLeafColumns().filter((c) => c.getCanHide());

  return (
    <div>
      <div className={`relative overflow-x-auto ${flush ? "" : "-mx-5 px-5"}`}>
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
                  return (
                    <th
                      key={header.id}
                      aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : undefined}
                      className={`whitespace-nowrap py-2 pr-4 text-xs font-medium uppercase tracking-wide text-slate-600 ${metaOf(header.column)?.className ?? ""}`}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <SortButton sorted={sorted} onClick={header.column.getToggleSortingHandler()}>
                          <table.FlexRender header={header} />
                        </SortButton>
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
                <tr
                  className="align-top"
                  data-testid={rowTestId ? rowTestId(row.original) : testId ? `${testId}-row` : undefined}
                >
                  {renderDetail && (
                    <td className="py-2 pr-1">
                      <ExpandButton expanded={row.getIsExpanded()} onClick={row.getToggleExpandedHandler()} />
                    </td>
                  )}
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className={`py-2 pr-4 ${metaOf(cell.column)?.className ?? ""}`}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
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
          {paged
            ? `${from.toLocaleString("en")}–${to.toLocaleString("en")} of ${total.toLocaleString("en")} ${word}`
            : `${total.toLocaleString("en")} ${word}`}
        </span>
        {/* Paging and column choice mean nothing on paper. */}
        <div className="flex flex-wrap items-center gap-2 print:hidden">
          {columnMenu && hideable.length > 1 && (
            <DropdownMenu.Root>
              <DropdownMenu.Trigger asChild>
                <Button variant="secondary" data-testid={testId ? `${testId}-columns` : undefined}>
                  <Columns3 size={14} aria-hidden /> Columns
                </Button>
              </DropdownMenu.Trigger>
              <DropdownMenu.Portal>
                <DropdownMenu.Content
                  align="end"
                  sideOffset={4}
                  className="z-50 min-w-44 rounded-lg bg-white p-1 text-sm shadow-lg ring-1 ring-slate-200"
                >
                  <DropdownMenu.Label className="px-2 py-1 text-xs font-medium text-slate-500">
                    Show columns
                  </DropdownMenu.Label>
                  {hideable.map((column) => (
                    <DropdownMenu.CheckboxItem
                      key={column.id}
                      checked={column.getIsVisible()}
                      // The last visible column stays: a table with no columns says nothing.
                      disabled={column.getIsVisible() && visible.length === 1}
                      onCheckedChange={(on) => column.toggleVisibility(on === true)}
                      onSelect={(e) => e.preventDefault()}
                      className="flex cursor-pointer select-none items-center gap-2 rounded px-2 py-1.5 text-slate-800 outline-none data-[disabled]:cursor-not-allowed data-[highlighted]:bg-slate-100 data-[disabled]:text-slate-400"
                    >
                      <span className="flex w-4 justify-center">
                        <DropdownMenu.ItemIndicator>
                          <Check size={14} aria-hidden />
                        </DropdownMenu.ItemIndicator>
                      </span>
                      {columnLabel(column)}
                    </DropdownMenu.CheckboxItem>
                  ))}
                </DropdownMenu.Content>
              </DropdownMenu.Portal>
            </DropdownMenu.Root>
          )}
          {paged && (
            <>
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
              <Button variant="secondary" onClick={() => table.previousPage()} disabled={shownPage === 0}>
                Previous
              </Button>
              <span className="tabular-nums">
                Page {shownPage + 1} of {pageCount}
              </span>
              <Button variant="secondary" onClick={() => table.nextPage()} disabled={shownPage >= pageCount - 1}>
                Next
              </Button>
            </>
          )}
          {footer}
        </div>
      </div>
    </div>
  );
}

function columnLabel(column: { id: string; columnDef: { header?: unknown; meta?: unknown } }): string {
  const meta = metaOf(column);
  if (meta?.label) return meta.label;
  return typeof column.columnDef.header === "string" ? column.columnDef.header : column.id;
}

/** The page shown and its rows' range; rows removed (a filter, a revoke) can leave the page past the end: the last one shows. */
function pageWindow(total: number, pageIndex: number, pageSize: number) {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const shownPage = Math.min(pageIndex, pageCount - 1);
  const from = total === 0 ? 0 : shownPage * pageSize + 1;
  return { pageCount, shownPage, from, to: Math.min(total, (shownPage + 1) * pageSize) };
}

/** A sortable header's button, with an arrow for its direction (faint when unsorted). */
function SortButton({
  sorted,
  onClick,
  children,
}: {
  sorted: false | "asc" | "desc";
  onClick: ((event: unknown) => void) | undefined;
  children: ReactNode;
}) {
  return (
    <button type="button" onClick={onClick} className="inline-flex items-center gap-1 uppercase hover:text-slate-900">
      {children}
      {sorted === "asc" ? (
        <ArrowUp size={12} aria-hidden />
      ) : sorted === "desc" ? (
        <ArrowDown size={12} aria-hidden />
      ) : (
        <ArrowUpDown size={12} aria-hidden className="opacity-40" />
      )}
    </button>
  );
}

/** The show / hide details toggle at the start of an expandable row. */
function ExpandButton({ expanded, onClick }: { expanded: boolean; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-expanded={expanded}
      aria-label={expanded ? "Hide details" : "Show details"}
      className="rounded p-0.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      {expanded ? <ChevronDown size={16} aria-hidden /> : <ChevronRight size={16} aria-hidden />}
    </button>
  );
}
