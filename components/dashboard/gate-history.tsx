"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Card, EmptyState } from "@/components/ui/card";
import { Select } from "@/components/ui/field";
import { RelativeTime } from "@/components/ui/relative-time";
import { api } from "@/lib/client/api";
import type { Wire } from "@/lib/client/wire";
import type { gateHistory } from "@/lib/server/metrics/evaluate-gates";
import { GateStateBadge } from "./gate-state";

type Change = Wire<Awaited<ReturnType<typeof gateHistory>>>[number];

/** The stored history of gate state changes (what the webhook was sent). */
export function GateHistory() {
  const [environment, setEnvironment] = useState("production");
  const q = useQuery({
    queryKey: ["gate-history", environment],
    queryFn: () => api<{ changes: Change[] }>(`/api/console/gates/history?environment=${environment}`),
    refetchInterval: 30_000,
  });
  return (
    <Card
      title="Recent state changes"
      description="Each change is stored once, whichever console process saw it, and sent to the webhook."
      actions={
        <div className="w-40">
          <Select aria-label="Environment" value={environment} onChange={(e) => setEnvironment(e.target.value)}>
            <option value="production">production</option>
            <option value="staging">staging</option>
            <option value="development">development</option>
          </Select>
        </div>
      }
    >
      {q.data && q.data.changes.length === 0 && (
        <EmptyState title="No state changes yet">
          Gates are evaluated whenever the dashboard, the gates API or Prometheus reads them, and every 30 s after that.
        </EmptyState>
      )}
      {q.data && q.data.changes.length > 0 && (
        <ul className="divide-y divide-slate-100 text-sm" data-testid="gate-history">
          {q.data.changes.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-2 py-2">
              <span className="w-28 shrink-0 text-xs text-slate-500">
                <RelativeTime at={c.at} />
              </span>
              <span className="font-medium text-slate-800" title={c.gate}>
                {c.title}
              </span>
              {c.from ? <GateStateBadge state={c.from} /> : <span className="text-xs text-slate-500">first seen</span>}
              <span aria-hidden className="text-slate-500">
                →
              </span>
              <GateStateBadge state={c.to} />
              <span className="min-w-0 flex-1 truncate text-xs text-slate-500" title={c.detail}>
                {c.detail}
              </span>
              {c.notified_at && <span className="text-xs text-emerald-700">webhook sent</span>}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
