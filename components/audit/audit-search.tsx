"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Download, Loader2 } from "lucide-react";
import { Suspense, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { useAnnounceChange } from "@/components/ui/announcer";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";
import type { AuditKind } from "@/lib/schemas/audit";
import { ChainStatus } from "./chain-status";
import { ActiveFilters, FilterBar } from "./filter-bar";
import { DecisionTable, EventTable } from "./results-table";
import type { DecisionItem, EventItem } from "./types";
import { useAuditFilters, type FilterKey } from "./use-audit-filters";
import { SegmentedTabs } from "@/components/ui/tabs";

interface Page {
  kind: AuditKind;
  arguments_visible: boolean;
  items: (DecisionItem | EventItem)[];
  next_cursor: string | null;
  agent_names?: Record<string, string>;
}

const CAPS: [string, string][] = [
  ["10000", "10,000 rows"],
  ["100000", "100,000 rows"],
  ["1000000", "1,000,000 rows"],
];

function Search({ canVerify, canSeePayload }: { canVerify: boolean; canSeePayload: boolean }) {
  const { values, kind, query, replace, patch } = useAuditFilters();
  const results = useInfiniteQuery({
    queryKey: ["audit-search", query],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams(query);
      params.set("limit", "50");
      if (pageParam) params.set("cursor", pageParam);
      return api<Page>(`/api/console/audit?${params}`);
    },
    getNextPageParam: (last) => last.next_cursor,
  });
  const items = useMemo(() => results.data?.pages.flatMap((p) => p.items) ?? [], [results.data]);
  const agentNames = useMemo(
    () => Object.assign({}, ...(results.data?.pages.map((p) => p.agent_names ?? {}) ?? [])) as Record<string, string>,
    [results.data],
  );
  const loadOlder = results.hasNextPage ? (
    <Button variant="secondary" onClick={() => results.fetchNextPage()} disabled={results.isFetchingNextPage}>
      {results.isFetchingNextPage ? "Loading…" : "Load older"}
    </Button>
  ) : null;
  const filtered = Object.keys(values).some((k) => k !== "kind");
  useAnnounceChange(
    results.isSuccess
      ? `Search finished: ${items.length.toLocaleString("en")}${results.hasNextPage ? " or more" : ""} ${kind === "decisions" ? "decision" : "audit event"}${items.length === 1 ? "" : "s"} shown.`
      : "",
    kind,
  );

  return (
    <div className="space-y-4">
      <ChainStatus canVerify={canVerify} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <SegmentedTabs
          label="Records"
          variant="solid"
          value={kind}
          onValueChange={(k) =>
            replace({ ...values, kind: k, outcome: undefined, class: undefined, actor: undefined, event: undefined })
          }
          options={[
            { value: "decisions", label: "Decisions" },
            { value: "events", label: "Audit events" },
          ]}
        />
        <ExportLinks query={query} kind={kind} />
      </div>
      <Card>
        <FilterBar key={`${kind}?${query}`} kind={kind} values={values} onApply={replace} />
        <div className="mt-3">
          <ActiveFilters
            values={values}
            onRemove={(k: FilterKey) => patch({ [k]: undefined })}
            onClear={() => replace({ kind })}
          />
        </div>
      </Card>
      <Card
        title={kind === "decisions" ? "Decisions" : "Audit events"}
        description={
          <>
            Newest first
            {loadedNote(items.length, results.data !== undefined, results.hasNextPage)}.{" "}
            {kind === "decisions" &&
              !canSeePayload &&
              "Your role sees call metadata; arguments are visible to auditors and admins."}
          </>
        }
      >
        {results.isPending && (
          <p className="flex items-center gap-2 text-sm text-slate-500">
            <Loader2 size={14} className="animate-spin" aria-hidden /> Searching…
          </p>
        )}
        {results.isError && <Alert>{results.error.message}</Alert>}
        {results.isSuccess && items.length === 0 && (
          <EmptyState
            title={
              filtered
                ? "Nothing matches these filters"
                : kind === "decisions"
                  ? "No decisions yet"
                  : "No audit events yet"
            }
          >
            {filtered
              ? "Widen the time range or remove a filter."
              : kind === "decisions"
                ? "Every call an agent asks the enforcement API about is recorded here."
                : "Sign-ins, policy, catalog and approval changes are recorded here."}
          </EmptyState>
        )}
        {items.length > 0 &&
          (kind === "decisions" ? (
            <DecisionTable
              items={items as DecisionItem[]}
              agentNames={agentNames}
              showArguments={canSeePayload}
              footer={loadOlder}
            />
          ) : (
            <EventTable items={items as EventItem[]} footer={loadOlder} />
          ))}
      </Card>
    </div>
  );
}

/** What the card holds: the rows loaded so far, and whether older ones wait behind "Load older". */
function loadedNote(count: number, loaded: boolean, more: boolean): string {
  if (!loaded) return "";
  return ` · ${count.toLocaleString("en")} loaded${more ? ", older ones with “Load older”" : ""}`;
}

export function AuditSearch(props: { canVerify: boolean; canSeePayload: boolean }) {
  return (
    <Suspense>
      <Search {...props} />
    </Suspense>
  );
}

/** Export links for the current search, up to the chosen number of rows. */
function ExportLinks({ query, kind }: { query: string; kind: string }) {
  const [cap, setCap] = useState("100000");
  const exportHref = (format: "csv" | "ndjson") => {
    const params = new URLSearchParams(query);
    params.set("kind", kind);
    params.set("format", format);
    params.set("max_rows", cap);
    return `/api/console/audit/export?${params}`;
  };
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="w-56">
        <Select aria-label="Export row limit" value={cap} onChange={(e) => setCap(e.target.value)}>
          {CAPS.map(([v, label]) => (
            <option key={v} value={v}>
              Export up to {label}
            </option>
          ))}
        </Select>
      </div>
      <a
        href={exportHref("csv")}
        download
        className="inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
      >
        <Download size={14} aria-hidden /> Export CSV
      </a>
      <a
        href={exportHref("ndjson")}
        download
        className="inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
      >
        <Download size={14} aria-hidden /> Export NDJSON
      </a>
    </div>
  );
}
