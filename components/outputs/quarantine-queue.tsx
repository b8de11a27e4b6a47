"use client";

import { useQuery } from "@tanstack/react-query";
import { ShieldAlert } from "lucide-react";
import { Suspense } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { useUrlParams } from "@/lib/client/use-url-params";
import { api } from "@/lib/client/api";
import { useListNavigation } from "@/lib/client/use-keyboard-shortcuts";
import { QuarantineDetailPanel, StatusBadge } from "./quarantine-detail";
import type { QuarantineList } from "./types";
import { SegmentedTabs } from "@/components/ui/tabs";

const pct = (r: number | null) => (r === null ? "—" : `${(r * 100).toFixed(r < 0.01 && r > 0 ? 2 : 1)} %`);

function Summary({ data }: { data: QuarantineList["last24h"] }) {
  const ratio = data.quarantineRatio;
  const tone = ratio === null ? "slate" : ratio > 0.03 ? "red" : ratio >= 0.01 ? "amber" : "green";
  const word =
    ratio === null
      ? "no outputs inspected"
      : ratio > 0.03
        ? "above the 3 % block line"
        : ratio >= 0.01
          ? "above the 1 % target"
          : "within the 1 % target";
  return (
    <div
      className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-xl border border-slate-200 bg-white px-5 py-3 text-sm shadow-sm"
      data-testid="verdict-summary"
    >
      <span className="font-medium text-slate-900">Last 24 h</span>
      <span>
        <strong>{data.total.toLocaleString()}</strong> <span className="text-slate-500">outputs inspected</span>
      </span>
      <span>
        <strong>{data.redacted.toLocaleString()}</strong> <span className="text-slate-500">redacted</span>
      </span>
      <span>
        <strong>{data.quarantined.toLocaleString()}</strong> <span className="text-slate-500">quarantined</span>
      </span>
      <Badge tone={tone}>
        <ShieldAlert size={12} aria-hidden /> {pct(ratio)} · {word}
      </Badge>
    </div>
  );
}

function Queue({ canReview }: { canReview: boolean }) {
  const { params, setParam } = useUrlParams();
  const status = (["RELEASED", "CONFIRMED", "ALL"] as const).find((s) => s === params.get("status")) ?? "PENDING";
  const filters = { environment: params.get("environment") ?? "", kind: params.get("kind") ?? "" };
  const query = new URLSearchParams({ status, ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)) });
  const list = useQuery({
    queryKey: ["quarantine", status, filters],
    queryFn: () => api<QuarantineList>(`/api/console/outputs?${query}`),
    refetchInterval: status === "PENDING" ? 3_000 : 15_000,
  });
  const items = list.data?.items ?? [];
  const selectedId = params.get("id") ?? items[0]?.id ?? null;

  useListNavigation(items, selectedId, (id) => setParam({ id }));

  const kinds = [...new Set(items.flatMap((i) => i.kinds))].sort();
  return (
    <div className="space-y-4">
      {list.data && <Summary data={list.data.last24h} />}
      <div className="flex flex-wrap items-end gap-3">
        <SegmentedTabs
          label="Status"
          variant="solid"
          value={status}
          onValueChange={(s) => setParam({ status: s === "PENDING" ? null : s, id: null })}
          options={STATUS_TABS}
        />
        <div className="w-44">
          <Select
            aria-label="Environment filter"
            value={filters.environment}
            onChange={(e) => setParam({ environment: e.target.value || null, id: null })}
          >
            <option value="">All environments</option>
            <option value="production">production</option>
            <option value="staging">staging</option>
            <option value="development">development</option>
          </Select>
        </div>
        {(kinds.length > 0 || filters.kind) && (
          <div className="w-52">
            <Select
              aria-label="Finding kind filter"
              value={filters.kind}
              onChange={(e) => setParam({ kind: e.target.value || null, id: null })}
            >
              <option value="">Any finding</option>
              {[...new Set([...kinds, ...(filters.kind ? [filters.kind] : [])])].map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </Select>
          </div>
        )}
      </div>
      {list.isError && <Alert>{list.error.message}</Alert>}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card
          title={
            status !== "PENDING"
              ? "Reviewed outputs"
              : list.isPending
                ? "Waiting for review"
                : `${items.length} waiting for review`
          }
          className="self-start"
        >
          {list.isPending && (
            <p className="text-sm text-slate-500" role="status">
              Loading the quarantine…
            </p>
          )}
          {!list.isPending && items.length === 0 && (
            <EmptyState title={status === "PENDING" ? "Nothing is quarantined" : "Nothing here yet"}>
              {status === "PENDING"
                ? "Tool outputs that try to steer the model (injected instructions, hidden characters, exfiltration links) are withheld and appear here for a decision."
                : "Released and confirmed outputs are listed here with the reviewer and reason."}
            </EmptyState>
          )}
          <ul className="-mx-2 max-h-[36rem] divide-y divide-slate-100 overflow-y-auto" data-testid="quarantine-list">
            {items.map((q) => (
              <li key={q.id}>
                <button
                  type="button"
                  onClick={() => setParam({ id: q.id })}
                  aria-current={q.id === selectedId ? "true" : undefined}
                  className={`flex w-full items-start justify-between gap-3 rounded-md px-2 py-2.5 text-left ${q.id === selectedId ? "bg-indigo-50 ring-1 ring-indigo-200" : "hover:bg-slate-50"}`}
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-slate-900">
                      {q.server || "(no server)"} · {q.tool || "(no tool)"}
                    </span>
                    <span className="mt-0.5 flex flex-wrap items-center gap-1 text-xs text-slate-500">
                      {q.kinds.slice(0, 3).map((k) => (
                        <Badge key={k} tone="red">
                          {k}
                        </Badge>
                      ))}
                      {q.kinds.length > 3 && <span>+{q.kinds.length - 3}</span>}
                      <span>{q.caller.name}</span>
                      {q.environment && <span>· {q.environment}</span>}
                    </span>
                  </span>
                  <span className="shrink-0 text-right text-xs text-slate-500">
                    {q.status === "PENDING" ? <RelativeTime at={q.createdAt} /> : <StatusBadge status={q.status} />}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </Card>
        {selectedId ? (
          <QuarantineDetailPanel key={selectedId} id={selectedId} canReview={canReview} />
        ) : (
          <Card title="Details">
            <p className="text-sm text-slate-500">Select an output.</p>
          </Card>
        )}
      </div>
    </div>
  );
}

const STATUS_TABS = [
  { value: "PENDING", label: "Waiting" },
  { value: "RELEASED", label: "Released" },
  { value: "CONFIRMED", label: "Confirmed" },
  { value: "ALL", label: "All" },
] as const;

export function QuarantineQueue({ canReview }: { canReview: boolean }) {
  return (
    <Suspense>
      <Queue canReview={canReview} />
    </Suspense>
  );
}
