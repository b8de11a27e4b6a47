"use client";

import { useQuery } from "@tanstack/react-query";
import { Suspense, useEffect, useRef, useState } from "react";
import { SegmentedTabs } from "@/components/ui/tabs";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Select } from "@/components/ui/field";
import { AbsoluteTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { nextAfter, useListNavigation } from "@/lib/client/use-keyboard-shortcuts";
import { useUrlParams } from "@/lib/client/use-url-params";
import { ApprovalDetailPanel } from "./approval-detail";
import { ConstraintChips, StatusBadge } from "./status";
import type { ApprovalItem } from "./types";
import { Waiting } from "./waiting";

export const RISK_TONE = { high: "red", medium: "amber", low: "slate" } as const;
const PAGE_SIZE = 20;

function Queue({ canDecide }: { canDecide: boolean }) {
  const { params, setParam } = useUrlParams();
  const view = params.get("view") === "history" ? "history" : "pending";
  const filters = {
    environment: params.get("environment") ?? "",
    server: params.get("server") ?? "",
    risk: params.get("risk") ?? "",
  };
  const page = view === "history" ? Math.max(1, Number(params.get("page")) || 1) : 1;
  // Waiting: the whole queue (oldest first). Decided: one page at a time from the server, newest first.
  const query = new URLSearchParams({
    status: view === "pending" ? "PENDING" : "DECIDED",
    limit: view === "pending" ? "100" : String(PAGE_SIZE),
    ...(view === "history" ? { offset: String((page - 1) * PAGE_SIZE) } : {}),
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
  });
  const list = useQuery({
    queryKey: ["approvals", view, filters, page],
    queryFn: () => api<{ approvals: ApprovalItem[]; total: number }>(`/api/console/approvals?${query}`),
    refetchInterval: view === "pending" ? 2_000 : 10_000,
    // Turning a page keeps the rows on screen until the next arrive; switching tabs does not.
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === view ? previous : undefined),
  });
  // Requests decided here leave the queue at once, before the next poll confirms it.
  const [decided, setDecided] = useState<ReadonlySet<string>>(new Set());
  const loaded = list.data?.approvals ?? [];
  const items = loaded.filter((a) => view !== "pending" || !decided.has(a.id));
  const total = Math.max(items.length, (list.data?.total ?? 0) - (loaded.length - items.length));
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const requested = params.get("id");
  const selectedId = requested && !decided.has(requested) ? requested : (items[0]?.id ?? null);

  useListNavigation(items, selectedId, (id) => setParam({ id }));

  // Below the lg breakpoint the detail sits under the list: a tap on a request brings it into view.
  // It scrolls once the tap's selection has rendered (scrolling at the tap itself was undone when
  // the list and the re-keyed detail rendered under it); after a tap, later selections on the phone
  // (j/k, the next request after a decision) bring the detail into view too.
  const detailRef = useRef<HTMLDivElement>(null);
  const [tapped, setTapped] = useState(0);
  useEffect(() => {
    if (tapped === 0 || !selectedId || !window.matchMedia("(max-width: 1023px)").matches) return;
    const frame = requestAnimationFrame(() => detailRef.current?.scrollIntoView({ block: "start" }));
    return () => cancelAnimationFrame(frame);
  }, [tapped, selectedId]);
  const showDetailOnPhone = () => setTapped((n) => n + 1);

  function onDecided(id: string) {
    setDecided((prev) => new Set(prev).add(id));
    setParam({ id: nextAfter(items, id)?.id ?? null });
  }

  return (
    <div className="space-y-4">
      <QueueFilters view={view} filters={filters} setParam={setParam} />
      {list.isError && <Alert>{list.error.message}</Alert>}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card
          title={
            list.isPending
              ? view === "pending"
                ? "Waiting requests"
                : "Decided requests"
              : view === "pending"
                ? `${total.toLocaleString("en")} waiting`
                : `${total.toLocaleString("en")} decided`
          }
          className="min-w-0 self-start"
        >
          {list.isPending && (
            <p className="text-sm text-slate-500" role="status">
              Loading the queue…
            </p>
          )}
          {!list.isPending && items.length === 0 && (
            <EmptyState title={view === "pending" ? "Nobody is waiting" : "Nothing decided yet"}>
              {view === "pending"
                ? "Calls that a rule sends for approval appear here within seconds."
                : "Approved and denied requests are listed here."}
            </EmptyState>
          )}
          <ul className="-mx-2 divide-y divide-slate-100" data-testid="approval-list">
            {items.map((a) => (
              <li key={a.id}>
                <button
                  type="button"
                  onClick={() => {
                    setParam({ id: a.id });
                    showDetailOnPhone();
                  }}
                  aria-current={a.id === selectedId ? "true" : undefined}
                  data-testid={`approval-item-${a.id}`}
                  className={`flex w-full items-start justify-between gap-3 rounded-md px-2 py-2.5 text-left ${a.id === selectedId ? "bg-indigo-50 ring-1 ring-indigo-200" : "hover:bg-slate-50"}`}
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-slate-900">
                      {a.server} · {a.tool}
                    </span>
                    <span className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-600">
                      <Badge tone={RISK_TONE[a.risk as keyof typeof RISK_TONE] ?? "slate"}>
                        {a.action} · {a.risk}
                      </Badge>
                      <span className="break-all">{a.agentName || a.clientId}</span>
                      <span>· {a.environment}</span>
                      {a.escalatedAt && <Badge tone="amber">escalated</Badge>}
                    </span>
                    {view === "history" && (
                      <span className="mt-1 block space-y-1 text-xs text-slate-600">
                        <span className="block">
                          {a.decidedAt ? <AbsoluteTime at={a.decidedAt} /> : <AbsoluteTime at={a.expiresAt} />}
                          {a.decidedBy && <> · {a.decidedBy}</>}
                        </span>
                        <ConstraintChips constraints={a.constraints} />
                      </span>
                    )}
                  </span>
                  {view === "pending" ? <Waiting since={a.createdAt} /> : <StatusBadge approval={a} />}
                </button>
              </li>
            ))}
          </ul>
          {view === "history" && (pageCount > 1 || page > 1) && (
            <nav aria-label="Pages" className="mt-3 flex items-center justify-between gap-2 text-sm">
              <Button
                variant="secondary"
                disabled={page <= 1}
                onClick={() => setParam({ page: page - 1 > 1 ? String(page - 1) : null, id: null })}
              >
                Previous
              </Button>
              <span className="text-slate-600" data-testid="decided-page">
                Page {page} of {pageCount}
              </span>
              <Button
                variant="secondary"
                disabled={page >= pageCount}
                onClick={() => setParam({ page: String(page + 1), id: null })}
              >
                Next
              </Button>
            </nav>
          )}
        </Card>
        <div ref={detailRef} className="min-w-0 scroll-mt-4">
          {selectedId ? (
            <ApprovalDetailPanel key={selectedId} id={selectedId} canDecide={canDecide} onDecided={onDecided} />
          ) : (
            <Card title="Details">
              <p className="text-sm text-slate-500">
                {list.isPending ? "Loading…" : view === "pending" ? "Nothing waiting for you." : "Select a request."}
              </p>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}

export function ApprovalQueue({ canDecide }: { canDecide: boolean }) {
  return (
    <Suspense>
      <Queue canDecide={canDecide} />
    </Suspense>
  );
}

/** Waiting / decided tabs and the environment, risk and server filters, all held in the URL. */
function QueueFilters({
  view,
  filters,
  setParam,
}: {
  view: "pending" | "history";
  filters: { environment: string; server: string; risk: string };
  setParam: (patch: Record<string, string | null>) => void;
}) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <SegmentedTabs
        label="Queue"
        variant="solid"
        value={view}
        onValueChange={(v) => setParam({ view: v === "pending" ? null : v, id: null, page: null })}
        options={[
          { value: "pending", label: "Waiting" },
          { value: "history", label: "Decided" },
        ]}
      />
      <div className="w-40">
        <Select
          aria-label="Environment filter"
          value={filters.environment}
          onChange={(e) => setParam({ environment: e.target.value || null, page: null })}
        >
          <option value="">All environments</option>
          <option value="production">production</option>
          <option value="staging">staging</option>
          <option value="development">development</option>
        </Select>
      </div>
      <div className="w-32">
        <Select
          aria-label="Risk filter"
          value={filters.risk}
          onChange={(e) => setParam({ risk: e.target.value || null, page: null })}
        >
          <option value="">Any risk</option>
          <option value="high">high</option>
          <option value="medium">medium</option>
          <option value="low">low</option>
        </Select>
      </div>
      <input
        aria-label="Server filter"
        placeholder="Server"
        defaultValue={filters.server}
        onBlur={(e) => setParam({ server: e.target.value.trim() || null, page: null })}
        onKeyDown={(e) =>
          e.key === "Enter" && setParam({ server: (e.target as HTMLInputElement).value.trim() || null, page: null })
        }
        className="w-32 rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300"
      />
    </div>
  );
}
