"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Check, ChevronLeft, ChevronRight, CircleAlert } from "lucide-react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useCallback, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Field, Input, Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import { MissRateChart } from "./miss-rate-chart";
import { formatBytes } from "./quarantine-detail";
import type { SampleDetail, SampleItem, SampleList, WeekStat } from "./types";

/** The ISO week `delta` weeks from `week` (UTC). */
function shiftWeek(week: string, delta: number): string {
  const [y, w] = week.split("-W").map(Number);
  const jan4 = Date.UTC(y, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() || 7) - 1) * 86_400_000 + (w - 1 + delta) * 7 * 86_400_000;
  const d = new Date(monday + 3 * 86_400_000);
  const year = d.getUTCFullYear();
  const n = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(n).padStart(2, "0")}`;
}

function VerdictBadge({ s }: { s: Pick<SampleItem, "verdict" | "missedKind"> }) {
  if (s.verdict === "ok")
    return (
      <Badge tone="green">
        <Check size={12} aria-hidden /> OK
      </Badge>
    );
  if (s.verdict === "missed")
    return (
      <Badge tone="red">
        <CircleAlert size={12} aria-hidden /> missed {s.missedKind}
      </Badge>
    );
  return <Badge tone="amber">to review</Badge>;
}

function SamplePanel({ id, kinds, onDone }: { id: string; kinds: string[]; onDone: () => void }) {
  const qc = useQueryClient();
  const detail = useQuery({
    queryKey: ["fn-sample", id],
    queryFn: () => api<SampleDetail>(`/api/console/outputs/samples/${id}`),
  });
  const [missing, setMissing] = useState(false);
  const [kind, setKind] = useState("");
  const [note, setNote] = useState("");
  const mark = useMutation({
    mutationFn: (body: { verdict: "ok" | "missed"; missed_kind?: string; note?: string }) =>
      api(`/api/console/outputs/samples/${id}`, { body }),
    onSuccess: () => {
      setMissing(false);
      qc.invalidateQueries({ queryKey: ["fn-samples"] });
      qc.invalidateQueries({ queryKey: ["fn-sample", id] });
      qc.invalidateQueries({ queryKey: ["fn-stats"] });
      onDone();
    },
  });
  if (detail.isPending)
    return (
      <Card title="Sample">
        <p className="text-sm text-slate-500">Loading…</p>
      </Card>
    );
  if (detail.isError || !detail.data)
    return (
      <Card title="Sample">
        <Alert>{detail.error?.message ?? "Not found"}</Alert>
      </Card>
    );
  const s = detail.data;
  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          {s.server || "(no server)"} · {s.tool || "(no tool)"} <VerdictBadge s={s} />
        </span>
      }
      description={
        <>
          ALLOWed {s.environment ? `in ${s.environment} ` : ""}for {s.clientId ?? "a console user"}{" "}
          <RelativeTime at={s.createdAt} />
        </>
      }
    >
      <div data-testid="fn-sample-detail">
        {s.preview ? (
          <pre
            className="max-h-96 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-50 p-3 font-mono text-xs ring-1 ring-inset ring-slate-200"
            data-testid="fn-sample-output"
          >
            {s.preview.text}
          </pre>
        ) : (
          <p className="text-sm text-slate-500">The text was purged after the retention period.</p>
        )}
        {s.preview?.truncated && <p className="mt-1 text-xs text-slate-500">Showing the first 64,000 characters.</p>}
        {s.reviewedBy && (
          <p className="mt-2 text-xs text-slate-500">
            Reviewed by {s.reviewedBy}
            {s.note ? ` — “${s.note}”` : ""}
          </p>
        )}
        <div className="mt-4 space-y-3 rounded-lg bg-slate-50 p-3">
          <p className="text-sm text-slate-700">Should the classifier have redacted or quarantined something here?</p>
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" onClick={() => mark.mutate({ verdict: "ok" })} disabled={mark.isPending}>
              <Check size={14} aria-hidden /> Nothing missed
            </Button>
            <Button variant="danger" onClick={() => setMissing(true)} disabled={mark.isPending}>
              <CircleAlert size={14} aria-hidden /> Something was missed…
            </Button>
          </div>
          {missing && (
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Kind that was missed">
                <Select value={kind} onChange={(e) => setKind(e.target.value)}>
                  <option value="">Choose a kind…</option>
                  {kinds.map((k) => (
                    <option key={k} value={k}>
                      {k}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Note (optional)">
                <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder="Where, and why it matters" />
              </Field>
              <div className="sm:col-span-2">
                <Button
                  variant="danger"
                  disabled={!kind || mark.isPending}
                  onClick={() =>
                    mark.mutate({ verdict: "missed", missed_kind: kind, ...(note.trim() ? { note: note.trim() } : {}) })
                  }
                >
                  Record the miss
                </Button>
              </div>
            </div>
          )}
          {mark.isError && <Alert>{mark.error.message}</Alert>}
        </div>
      </div>
    </Card>
  );
}

function Review() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const setParam = useCallback(
    (patch: Record<string, string | null>) => {
      const next = new URLSearchParams(params.toString());
      for (const [k, v] of Object.entries(patch)) v ? next.set(k, v) : next.delete(k);
      router.replace(`${pathname}?${next}`, { scroll: false });
    },
    [params, pathname, router],
  );
  const week = params.get("week") ?? undefined;
  const list = useQuery({
    queryKey: ["fn-samples", week ?? "current"],
    queryFn: () => api<SampleList>(`/api/console/outputs/samples${week ? `?week=${week}` : ""}`),
    refetchInterval: 10_000,
  });
  const stats = useQuery({
    queryKey: ["fn-stats"],
    queryFn: () => api<{ weeks: WeekStat[] }>(`/api/console/outputs/fn-stats?weeks=12`),
  });
  const data = list.data;
  const items = data?.items ?? [];
  const selectedId = params.get("id") ?? items.find((s) => !s.verdict)?.id ?? items[0]?.id ?? null;
  const nextUnreviewed = (after: string) => items.find((s) => !s.verdict && s.id !== after)?.id ?? null;

  return (
    <div className="space-y-4">
      {stats.data && <MissRateChart weeks={stats.data.weeks} />}
      {list.isError && <Alert>{list.error.message}</Alert>}
      {data && (
        <div
          className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm"
          data-testid="fn-week-status"
        >
          <div className="flex items-center gap-1">
            <Button
              variant="ghost"
              aria-label="Previous week"
              onClick={() => setParam({ week: shiftWeek(data.week, -1), id: null })}
            >
              <ChevronLeft size={16} aria-hidden />
            </Button>
            <span className="min-w-20 text-center font-semibold text-slate-900">{data.week}</span>
            <Button
              variant="ghost"
              aria-label="Next week"
              onClick={() => setParam({ week: shiftWeek(data.week, 1), id: null })}
            >
              <ChevronRight size={16} aria-hidden />
            </Button>
          </div>
          <span>
            <strong>{data.status.sampled}</strong> <span className="text-slate-500">sampled</span>
          </span>
          <span>
            <strong>{data.status.reviewed}</strong> <span className="text-slate-500">reviewed</span>
          </span>
          <span>
            <strong>{data.status.missed}</strong> <span className="text-slate-500">missed</span>
          </span>
          {data.status.complete ? (
            <Badge tone="green">
              <Check size={12} aria-hidden /> week reviewed
            </Badge>
          ) : data.status.sampled > 0 ? (
            <Badge tone="amber">{data.status.sampled - data.status.reviewed} to review</Badge>
          ) : (
            <Badge tone="slate">no samples</Badge>
          )}
          <span className="ml-auto text-xs text-slate-500">
            Sampling {(data.sampleRate * 100).toLocaleString(undefined, { maximumFractionDigits: 2 })} % of ALLOWed
            outputs
          </span>
        </div>
      )}
      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card title="Sampled outputs" className="self-start">
          {list.isPending && <p className="text-sm text-slate-500">Loading…</p>}
          {data && items.length === 0 && (
            <EmptyState title="No samples this week">
              A share of the outputs the classifier lets through is kept here each week for a person to check. An admin
              sets the share on the output-safety settings page.
            </EmptyState>
          )}
          <ul className="-mx-2 max-h-[36rem] divide-y divide-slate-100 overflow-y-auto" data-testid="fn-sample-list">
            {items.map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  onClick={() => setParam({ id: s.id })}
                  aria-current={s.id === selectedId ? "true" : undefined}
                  className={`flex w-full items-start justify-between gap-3 rounded-md px-2 py-2.5 text-left ${s.id === selectedId ? "bg-indigo-50 ring-1 ring-indigo-200" : "hover:bg-slate-50"}`}
                >
                  <span className="min-w-0">
                    <span className="block truncate font-medium text-slate-900">
                      {s.server || "(no server)"} · {s.tool || "(no tool)"}
                    </span>
                    <span className="mt-0.5 block text-xs text-slate-500">
                      {s.clientId ?? "console"} · {formatBytes(s.outputBytes)} · <RelativeTime at={s.createdAt} />
                    </span>
                  </span>
                  <VerdictBadge s={s} />
                </button>
              </li>
            ))}
          </ul>
        </Card>
        {selectedId && data ? (
          <SamplePanel
            key={selectedId}
            id={selectedId}
            kinds={data.kinds}
            onDone={() => setParam({ id: nextUnreviewed(selectedId) })}
          />
        ) : (
          <Card title="Sample">
            <p className="text-sm text-slate-500">Select a sample.</p>
          </Card>
        )}
      </div>
    </div>
  );
}

export function FnReview() {
  return (
    <Suspense>
      <Review />
    </Suspense>
  );
}
