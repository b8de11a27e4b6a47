"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import { ChartWithAlternative, peakOf } from "@/components/ui/chart-alternative";
import { Alert, Select } from "@/components/ui/field";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import { api } from "@/lib/client/api";
import type { Wire } from "@/lib/client/wire";
import type { approvalInsights } from "@/lib/server/enforcement/approval-insights";

type Insights = Wire<Awaited<ReturnType<typeof approvalInsights>>>;
type TimeRow = Insights["time_to_decide"]["by_rule"][number];
type RateRow = Insights["approval_rate"][number];

const rate = columnsFor<RateRow>();
const RATE_COLUMNS = [
  rate.accessor((r) => r.rule_id ?? "", {
    id: "rule",
    header: "Rule",
    sortFn: "text",
    cell: (c) => <span className="font-mono text-xs">{c.getValue() || "—"}</span>,
  }),
  rate.accessor("approved", { header: "Approved", sortFn: "basic", meta: { className: "tabular-nums" } }),
  rate.accessor("denied", { header: "Denied", sortFn: "basic", meta: { className: "tabular-nums" } }),
  rate.accessor("timeouts", { header: "Timed out", sortFn: "basic", meta: { className: "tabular-nums" } }),
  rate.accessor((r) => r.rate ?? -1, {
    id: "rate",
    header: "Approval rate",
    sortFn: "basic",
    meta: { className: "tabular-nums" },
    cell: (c) => (c.row.original.rate === null ? "—" : `${Math.round(c.row.original.rate * 100)}%`),
  }),
  rate.accessor((r) => (r.relax_candidate ? 1 : 0), {
    id: "relax",
    header: "Suggestion",
    sortFn: "basic",
    cell: (c) => c.row.original.relax_candidate && <Badge tone="amber">candidate to relax</Badge>,
  }),
] as ListColumn<RateRow>[];

/** Long names (rule ids, server names) are cut so the axis keeps its width; the full name is in the tooltip. */
const short = (label: string) => (label.length > 22 ? `${label.slice(0, 21)}…` : label);

function TimeChart({ title, rows, byHour = false }: { title: string; rows: TimeRow[]; byHour?: boolean }) {
  const table = {
    columns: ["Group", "Decided", "Median (min)", "p90 (min)"],
    rows: rows.map((r) => [r.key ?? "—", r.decided, r.p50_min, r.p90_min]),
  };
  const slowest = peakOf(table.rows, 2);
  const data = rows.map((r) => ({ name: r.key ?? "—", p50: r.p50_min, p90: r.p90_min }));
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
          {byHour ? (
            <div className="h-56">
              <ResponsiveContainer width="100%" height="100%">
                <BarChart data={data} accessibilityLayer={false} margin={{ left: 0, right: 8, top: 4, bottom: 4 }}>
                  <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
                  <XAxis dataKey="name" tick={{ fontSize: 11 }} interval="preserveStartEnd" unit="h" />
                  <YAxis tick={{ fontSize: 11 }} unit=" m" width={48} domain={[0, "auto"]} allowDecimals={false} />
                  <Tooltip formatter={(v) => [`${v} min`]} />
                  <Legend />
                  <Bar dataKey="p50" name="median" fill="#6366f1" />
                  <Bar dataKey="p90" name="p90" fill="#f59e0b" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          ) : (
            // Horizontal bars: group names read along the y axis instead of overlapping under the x axis.
            <div style={{ height: Math.max(140, 40 + data.length * 34) }}>
              <ResponsiveContainer width="100%" height="100%">
                <BarChart
                  data={data}
                  layout="vertical"
                  accessibilityLayer={false}
                  margin={{ left: 4, right: 12, top: 4, bottom: 4 }}
                >
                  <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
                  <XAxis type="number" tick={{ fontSize: 11 }} unit=" m" domain={[0, "auto"]} allowDecimals={false} />
                  <YAxis
                    type="category"
                    dataKey="name"
                    tick={{ fontSize: 11 }}
                    tickFormatter={short}
                    width={Math.min(150, 14 + Math.max(...data.map((d) => short(d.name).length)) * 6.5)}
                  />
                  <Tooltip formatter={(v) => [`${v} min`]} />
                  <Legend />
                  <Bar dataKey="p50" name="median" fill="#6366f1" />
                  <Bar dataKey="p90" name="p90" fill="#f59e0b" />
                </BarChart>
              </ResponsiveContainer>
            </div>
          )}
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
      {!d && (
        <p className="text-sm text-slate-500" role="status">
          Loading insights…
        </p>
      )}
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
            <DataTable
              data={d.approval_rate}
              columns={RATE_COLUMNS}
              rowId={(r) => String(r.rule_id)}
              noun="rules"
              testId="approval-rates"
              initialSort={{ id: "rate", desc: true }}
              initialPageSize={10}
            />
          </Card>
          <div className="grid gap-4 lg:grid-cols-2">
            <TimeChart title="Time to decide by rule" rows={d.time_to_decide.by_rule} />
            <TimeChart title="Time to decide by server" rows={d.time_to_decide.by_server} />
            <TimeChart title="Time to decide by approver group" rows={d.time_to_decide.by_group} />
            <TimeChart
              title="Time to decide by channel (console, Slack, e-mail, MCP)"
              rows={d.time_to_decide.by_channel}
            />
            <TimeChart title="Time to decide by hour of day (UTC)" rows={d.time_to_decide.by_hour} byHour />
          </div>
        </>
      )}
    </div>
  );
}
