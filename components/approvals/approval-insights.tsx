"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { ChartWithAlternative, peakOf } from "@/components/ui/chart-alternative";
import { Alert, Select } from "@/components/ui/field";
import { api } from "@/lib/client/api";

interface TimeRow {
  key: string | null;
  decided: number;
  p50_min: number | null;
  p90_min: number | null;
}
interface Insights {
  days: number;
  totals: { total: number; timeouts: number; escalations: number; pending: number };
  time_to_decide: {
    by_rule: TimeRow[];
    by_server: TimeRow[];
    by_group: TimeRow[];
    by_channel: TimeRow[];
    by_hour: TimeRow[];
  };
  approval_rate: {
    rule_id: string | null;
    approved: number;
    denied: number;
    timeouts: number;
    rate: number | null;
    relax_candidate: boolean;
  }[];
}

function TimeChart({ title, rows }: { title: string; rows: TimeRow[] }) {
  const table = {
    columns: ["Group", "Decided", "Median (min)", "p90 (min)"],
    rows: rows.map((r) => [r.key ?? "—", r.decided, r.p50_min, r.p90_min]),
  };
  const slowest = peakOf(table.rows, 2);
  return (
    <Card title={title} description="Minutes from request to decision: median and p90">
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No decided requests in this range.</p>
      ) : (
        <ChartWithAlternative
          title={title}
          table={table}
          summary={`${rows.length} groups; ${slowest ? `slowest median ${slowest.value} min for ${slowest.at}` : "no median yet"}.`}
        >
          <div className="h-56">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart
                data={rows.map((r) => ({ name: r.key ?? "—", p50: r.p50_min, p90: r.p90_min }))}
                accessibilityLayer={false}
              >
                <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                <XAxis dataKey="name" tick={{ fontSize: 11 }} />
                <YAxis tick={{ fontSize: 11 }} unit=" m" />
                <Tooltip />
                <Legend />
                <Bar dataKey="p50" name="median" fill="#6366f1" />
                <Bar dataKey="p90" name="p90" fill="#f59e0b" />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </ChartWithAlternative>
      )}
    </Card>
  );
}

export function ApprovalInsights() {
  const [days, setDays] = useState(30);
  const q = useQuery({
    queryKey: ["approval-insights", days],
    queryFn: () => api<Insights>(`/api/console/approvals/insights?days=${days}`),
    refetchInterval: 60_000,
  });
  if (q.isError) return <Alert>{q.error.message}</Alert>;
  const d = q.data;
  return (
    <div className="space-y-4">
      <div className="flex items-center gap-2">
        <span className="text-sm text-slate-600">Range</span>
        <div className="w-40">
          <Select aria-label="Range" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            <option value={1}>Last 24 hours</option>
            <option value={7}>Last 7 days</option>
            <option value={30}>Last 30 days</option>
            <option value={90}>Last 90 days</option>
          </Select>
        </div>
      </div>
      {!d && <p className="text-sm text-slate-500">Loading…</p>}
      {d && d.totals.total === 0 && (
        <EmptyState title="No approval requests in this range">
          Insights appear once rules send calls for approval.
        </EmptyState>
      )}
      {d && d.totals.total > 0 && (
        <>
          <div className="grid gap-4 sm:grid-cols-4">
            {[
              ["Requests", d.totals.total],
              ["Waiting now", d.totals.pending],
              ["Timed out", d.totals.timeouts],
              ["Escalated", d.totals.escalations],
            ].map(([label, value]) => (
              <Card key={label as string}>
                <div className="text-sm text-slate-500">{label}</div>
                <div className="text-2xl font-semibold">{value}</div>
              </Card>
            ))}
          </div>
          <Card
            title="Approval rate by rule"
            description="Rules approved more than 95% of the time (10+ decisions) are candidates to relax."
          >
            <table className="w-full text-left text-sm" data-testid="approval-rates">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-1.5">Rule</th>
                  <th>Approved</th>
                  <th>Denied</th>
                  <th>Timed out</th>
                  <th>Rate</th>
                  <th />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {d.approval_rate.map((r) => (
                  <tr key={String(r.rule_id)}>
                    <td className="py-1.5 font-mono text-xs">{r.rule_id ?? "—"}</td>
                    <td>{r.approved}</td>
                    <td>{r.denied}</td>
                    <td>{r.timeouts}</td>
                    <td>{r.rate === null ? "—" : `${Math.round(r.rate * 100)}%`}</td>
                    <td>{r.relax_candidate && <Badge tone="amber">candidate to relax</Badge>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <TimeChart title="Time to decide by rule" rows={d.time_to_decide.by_rule} />
            <TimeChart title="Time to decide by server" rows={d.time_to_decide.by_server} />
            <TimeChart title="Time to decide by approver group" rows={d.time_to_decide.by_group} />
            <TimeChart
              title="Time to decide by channel (console, Slack, e-mail, MCP)"
              rows={d.time_to_decide.by_channel}
            />
            <TimeChart title="Time to decide by hour of day (UTC)" rows={d.time_to_decide.by_hour} />
          </div>
        </>
      )}
    </div>
  );
}
