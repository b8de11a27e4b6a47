"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { CheckCircle2, ShieldAlert } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, EmptyState } from "@/components/ui/card";
import { Alert, Input } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api, queryKeys } from "@/lib/client/api";

interface AuditRow {
  seq: string;
  id: string;
  at: string;
  actorType: string;
  actorLabel: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
}

interface VerifyResult {
  ok: boolean;
  checked: number;
  break: { seq: string; problem: string } | null;
}

export function AuditList() {
  const [q, setQ] = useState("");
  const verify = useQuery({ queryKey: queryKeys.auditVerify, queryFn: () => api<VerifyResult>("/api/v1/audit/verify") });
  const events = useInfiniteQuery({
    queryKey: ["audit", q],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: "50", ...(q ? { q } : {}), ...(pageParam ? { before: pageParam } : {}) });
      return api<{ events: AuditRow[]; next_before: string | null }>(`/api/console/audit?${params}`);
    },
    getNextPageParam: (last) => last.next_before,
  });
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];

  return (
    <div className="space-y-4">
      {verify.data &&
        (verify.data.ok ? (
          <Alert tone="success">
            <span className="inline-flex items-center gap-1.5">
              <CheckCircle2 size={16} aria-hidden /> Hash chain verified: {verify.data.checked.toLocaleString("en")} events, no break.
            </span>
          </Alert>
        ) : (
          <Alert>
            <span className="inline-flex items-center gap-1.5" data-testid="chain-broken">
              <ShieldAlert size={16} aria-hidden /> Hash chain broken at event #{verify.data.break?.seq} ({verify.data.break?.problem}). The trail was altered.
            </span>
          </Alert>
        ))}
      <Card title="Events" actions={<Input aria-label="Search events" placeholder="Search actor, action or target id" value={q} onChange={(e) => setQ(e.target.value)} className="w-72" />}>
        {events.isPending && <p className="text-sm text-slate-500">Loading events…</p>}
        {events.isError && <Alert>{events.error.message}</Alert>}
        {!events.isPending && rows.length === 0 && <EmptyState title="No events match">Clear the search to see every event.</EmptyState>}
        {rows.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">#</th>
                  <th className="py-2 pr-4 font-medium">When</th>
                  <th className="py-2 pr-4 font-medium">Actor</th>
                  <th className="py-2 pr-4 font-medium">Action</th>
                  <th className="py-2 font-medium">Details</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((e) => (
                  <tr key={e.id} className="align-top">
                    <td className="py-2 pr-4 font-mono text-xs text-slate-500">{e.seq}</td>
                    <td className="whitespace-nowrap py-2 pr-4 text-slate-600"><RelativeTime at={e.at} /></td>
                    <td className="py-2 pr-4">
                      {e.actorLabel} <span className="text-xs text-slate-400">({e.actorType})</span>
                    </td>
                    <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
                    <td className="max-w-md truncate py-2 font-mono text-xs text-slate-500" title={JSON.stringify(e.data)}>
                      {JSON.stringify(e.data)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {events.hasNextPage && (
          <div className="mt-3">
            <Button variant="secondary" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
              {events.isFetchingNextPage ? "Loading…" : "Load older events"}
            </Button>
          </div>
        )}
      </Card>
    </div>
  );
}
