"use client";

import { useQuery } from "@tanstack/react-query";
import { Suspense, useEffect } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { useUrlParams } from "@/lib/client/use-url-params";
import { api } from "@/lib/client/api";
import { ApprovalDetailPanel } from "./approval-detail";
import type { ApprovalItem } from "./types";
import { Waiting } from "./waiting";

export const RISK_TONE = { high: "red", medium: "amber", low: "slate" } as const;

function Queue({ canDecide }: { canDecide: boolean }) {
  const { params, setParam } = useUrlParams();
  const view = params.get("view") === "history" ? "history" : "pending";
  const filters = {
    environment: params.get("environment") ?? "",
    server: params.get("server") ?? "",
    risk: params.get("risk") ?? "",
  };
  const query = new URLSearchParams({
    status: view === "pending" ? "PENDING" : "DECIDED",
    ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)),
  });
  const list = useQuery({
    queryKey: ["approvals", view, filters],
    queryFn: () => api<{ approvals: ApprovalItem[] }>(`/api/console/approvals?${query}`),
    refetchInterval: view === "pending" ? 2_000 : 10_000,
  });
  const items = list.data?.approvals ?? [];
  const selectedId = params.get("id") ?? items[0]?.id ?? null;

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = e.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable=true]") || e.metaKey || e.ctrlKey || e.altKey)
        return;
      if (e.key !== "j" && e.key !== "k") return;
      const i = items.findIndex((a) => a.id === selectedId);
      const next = items[Math.min(items.length - 1, Math.max(0, i + (e.key === "j" ? 1 : -1)))];
      if (next) setParam({ id: next.id });
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [items, selectedId, setParam]);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div role="tablist" aria-label="Queue" className="flex rounded-lg bg-white p-1 ring-1 ring-slate-200">
          {(["pending", "history"] as const).map((v) => (
            <button
              key={v}
              role="tab"
              type="button"
              aria-selected={view === v}
              onClick={() => setParam({ view: v === "pending" ? null : v, id: null })}
              className={`rounded-md px-3 py-1 text-sm font-medium ${view === v ? "bg-slate-900 text-white" : "text-slate-600"}`}
            >
              {v === "pending" ? "Waiting" : "Decided"}
            </button>
          ))}
        </div>
        <div className="w-44">
          <Select
            aria-label="Environment filter"
            value={filters.environment}
            onChange={(e) => setParam({ environment: e.target.value || null })}
          >
            <option value="">All environments</option>
            <option value="production">production</option>
            <option value="staging">staging</option>
            <option value="development">development</option>
          </Select>
        </div>
        <div className="w-36">
          <Select
            aria-label="Risk filter"
            value={filters.risk}
            onChange={(e) => setParam({ risk: e.target.value || null })}
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
          onBlur={(e) => setParam({ server: e.target.value.trim() || null })}
          onKeyDown={(e) =>
            e.key === "Enter" && setParam({ server: (e.target as HTMLInputElement).value.trim() || null })
          }
          className="w-36 rounded-md px-3 py-1.5 text-sm ring-1 ring-slate-300"
        />
      </div>
      {list.isError && <Alert>{list.error.message}</Alert>}
      <div className="grid grid-cols-[minmax(0,1fr)] gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card title={view === "pending" ? `${items.length} waiting` : "Decided requests"} className="self-start">
          {list.isPending && <p className="text-sm text-slate-500">Loading the queue…</p>}
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
                  onClick={() => setParam({ id: a.id })}
                  aria-current={a.id === selectedId ? "true" : undefined}
                  className={`flex w-full items-start justify-between gap-3 rounded-md px-2 py-2.5 text-left ${a.id === selectedId ? "bg-indigo-50 ring-1 ring-indigo-200" : "hover:bg-slate-50"}`}
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-slate-900">
                      {a.server} · {a.tool}
                    </span>
                    <span className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500">
                      <Badge tone={RISK_TONE[a.risk as keyof typeof RISK_TONE] ?? "slate"}>
                        {a.action} · {a.risk}
                      </Badge>
                      <span className="break-all">{a.agentName || a.clientId}</span>
                      <span>· {a.environment}</span>
                      {a.escalatedAt && <Badge tone="amber">escalated</Badge>}
                    </span>
                  </span>
                  {view === "pending" ? <Waiting since={a.createdAt} /> : <StatusBadge status={a.status} />}
                </button>
              </li>
            ))}
          </ul>
        </Card>
        {selectedId ? (
          <ApprovalDetailPanel key={selectedId} id={selectedId} canDecide={canDecide} />
        ) : (
          <Card title="Details">
            <p className="text-sm text-slate-500">Select a request.</p>
          </Card>
        )}
      </div>
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const tone =
    status === "APPROVED" || status === "CONSUMED"
      ? "green"
      : status === "PENDING"
        ? "amber"
        : status === "DENIED" || status === "EXPIRED"
          ? "red"
          : "slate";
  return <Badge tone={tone}>{status}</Badge>;
}

export function ApprovalQueue({ canDecide }: { canDecide: boolean }) {
  return (
    <Suspense>
      <Queue canDecide={canDecide} />
    </Suspense>
  );
}

export { RelativeTime };
