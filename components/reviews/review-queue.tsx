"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Input } from "@/components/ui/field";
import { AbsoluteTime, RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import type { Wire } from "@/lib/client/wire";
import type { listChangeRequests } from "@/lib/server/change-requests";
import { PolicyChangeSummary } from "@/components/policies/change-summary";

type ChangeRequest = Wire<Awaited<ReturnType<typeof listChangeRequests>>[number]>;

const STATUS_WORD: Record<string, { tone: "green" | "red" | "slate"; word: string }> = {
  APPROVED: { tone: "green", word: "Approved" },
  REJECTED: { tone: "red", word: "Rejected" },
  CANCELLED: { tone: "slate", word: "Cancelled" },
};
const cr = columnsFor<ChangeRequest>();
const DECIDED_COLUMNS = [
  cr.accessor((c) => c.decidedAt ?? c.createdAt, {
    id: "decided",
    header: "Decided (UTC)",
    sortFn: "basic",
    cell: (c) => (
      <span className="whitespace-nowrap text-slate-700">
        <AbsoluteTime at={c.getValue()} />
      </span>
    ),
  }),
  cr.accessor("status", {
    header: "Result",
    cell: (c) => {
      const s = STATUS_WORD[c.getValue()] ?? { tone: "slate" as const, word: c.getValue() };
      return <Badge tone={s.tone}>{s.word}</Badge>;
    },
  }),
  cr.accessor("title", {
    header: "Change",
    sortFn: "text",
    cell: (c) => (
      <>
        <div className="font-medium text-slate-900">{c.getValue()}</div>
        {c.row.original.reason && <div className="text-xs text-slate-600">“{c.row.original.reason}”</div>}
      </>
    ),
  }),
  cr.accessor("environment", { header: "Environment", meta: { className: "hidden md:table-cell" } }),
  cr.accessor("requestedBy", { header: "Requested by", meta: { className: "hidden md:table-cell text-slate-600" } }),
  cr.accessor((c) => c.decidedBy ?? "", {
    id: "decidedBy",
    header: "Decided by",
    meta: { className: "text-slate-600" },
  }),
] as ListColumn<ChangeRequest>[];

export function ReviewQueue({ canReview, selfId }: { canReview: boolean; selfId: string }) {
  const pending = useQuery({
    queryKey: ["change-requests", "PENDING"],
    queryFn: () => api<{ change_requests: ChangeRequest[] }>("/api/console/change-requests?status=PENDING"),
    refetchInterval: 5_000,
  });
  const recent = useQuery({
    queryKey: ["change-requests", "all"],
    queryFn: () => api<{ change_requests: ChangeRequest[] }>("/api/console/change-requests"),
  });
  const decided = useMemo(
    () => (recent.data?.change_requests ?? []).filter((c) => c.status !== "PENDING"),
    [recent.data],
  );

  return (
    <div className="space-y-6">
      <Card title="Waiting for review">
        {pending.isPending && <p className="text-sm text-slate-500">Loading…</p>}
        {pending.isError && <Alert>{pending.error.message}</Alert>}
        {pending.data?.change_requests.length === 0 && (
          <EmptyState title="Nothing to review">Production changes requested by policy authors appear here.</EmptyState>
        )}
        <ul className="space-y-4">
          {pending.data?.change_requests.map((c) => (
            <PendingChange
              key={c.id}
              change={c}
              canReview={canReview && c.requestedById !== selfId}
              own={c.requestedById === selfId}
            />
          ))}
        </ul>
      </Card>
      <Card title="Recently decided">
        {recent.isPending ? (
          <p className="text-sm text-slate-500">Loading…</p>
        ) : decided.length === 0 ? (
          <p className="text-sm text-slate-500">No decided changes yet.</p>
        ) : (
          <DataTable
            data={decided}
            columns={DECIDED_COLUMNS}
            rowId={(c) => c.id}
            noun="decided changes"
            testId="decided-changes"
            initialSort={{ id: "decided", desc: true }}
            initialPageSize={10}
          />
        )}
      </Card>
    </div>
  );
}

function PendingChange({ change, canReview, own }: { change: ChangeRequest; canReview: boolean; own: boolean }) {
  const qc = useQueryClient();
  const [reason, setReason] = useState("");
  const decide = useMutation({
    mutationFn: (approve: boolean) =>
      api(`/api/console/change-requests/${change.id}/${approve ? "approve" : "reject"}`, {
        body: reason ? { reason } : {},
      }),
    // An applied change replaces what other pages show: refetch them even when not on screen.
    onSuccess: () =>
      Promise.all(
        [["change-requests"], ["policy"], ["servers"]].map((queryKey) =>
          qc.invalidateQueries({ queryKey, refetchType: "all" }),
        ),
      ),
  });
  const current = useQuery({
    queryKey: ["policy", change.environment],
    queryFn: () => api<{ current: { source: string } | null }>(`/api/console/policies/${change.environment}`),
    enabled: change.kind === "policy_publish",
  });
  return (
    <li className="rounded-lg border border-slate-200 p-4" data-testid={`change-${change.id}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone="amber">Pending</Badge>
          <Badge>{change.environment}</Badge>
          <span className="font-medium">{change.title}</span>
        </div>
        <span className="text-sm text-slate-500">
          requested by {change.requestedBy} <RelativeTime at={change.createdAt} />
        </span>
      </div>
      {change.kind === "policy_publish" ? (
        <div className="mt-3">
          {current.isPending ? (
            <p className="text-sm text-slate-500">Loading the live policy…</p>
          ) : (
            <PolicyChangeSummary
              environment={change.environment}
              before={current.data?.current?.source ?? ""}
              after={String((change.payload as { source?: unknown } | null)?.source ?? "")}
            />
          )}
        </div>
      ) : (
        <pre className="mt-3 max-h-72 overflow-auto rounded bg-slate-50 p-3 font-mono text-xs">
          {JSON.stringify(change.payload, null, 2)}
        </pre>
      )}
      {decide.isError && (
        <div className="mt-3">
          <Alert>{decide.error.message}</Alert>
        </div>
      )}
      {own && <p className="mt-3 text-sm text-slate-500">This is your request: another person must review it.</p>}
      {canReview && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Input
            aria-label="Review reason"
            placeholder="Reason (required to reject)"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="w-72"
          />
          <Button onClick={() => decide.mutate(true)} disabled={decide.isPending}>
            Approve and apply
          </Button>
          <Button variant="danger" onClick={() => decide.mutate(false)} disabled={decide.isPending || !reason.trim()}>
            Reject
          </Button>
        </div>
      )}
    </li>
  );
}
