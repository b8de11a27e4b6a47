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
import { type DurationScale, durationScale, inScale } from "@/lib/client/duration-scale";
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

/** Names longer than a phone-width card are cut; the full name is in the table behind the chart. */
const short = (label: string) => (label.length > 44 ? `${label.slice(0, 43)}…` : label);
const BAR_COLORS = { p50: "#6366f1", p90: "#f59e0b" } as const;

type ScaledRow = { name: string; p50: number | null; p90: number | null };

/** The group's full name above its pair of bars (drawn as the y axis tick, so a zero-length bar keeps its name). */
function GroupName(props: { x?: number | string; y?: number | string; payload?: { value?: unknown } }) {
  return (
    <text x={Number(props.x) + 2} y={Number(props.y) - 15} fontSize={11} fill="#334155" textAnchor="start">
      {short(String(props.payload?.value ?? ""))}
    </text>
  );
}

/** Horizontal bars per group (rule, server, group, channel), named above each pair. */
function GroupBars({ data, scale }: { data: ScaledRow[]; scale: DurationScale }) {
  return (
    <div style={{ height: 56 + data.length * 48 }} data-testid="time-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          layout="vertical"
          accessibilityLayer={false}
          barSize={10}
          barGap={2}
          margin={{ left: 12, right: 16, top: 14, bottom: 4 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 11 }} unit={` ${scale.unit}`} domain={[0, "auto"]} />
          <YAxis
            type="category"
            dataKey="name"
            width={1}
            axisLine={false}
            tickLine={false}
            interval={0}
            tick={GroupName}
          />
          <Tooltip formatter={(v) => [`${v} ${scale.unit}`]} />
          <Legend />
          <Bar dataKey="p50" name="median" fill={BAR_COLORS.p50} isAnimationActive={false} />
          <Bar dataKey="p90" name="p90" fill={BAR_COLORS.p90} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Columns per hour of day: the hours are short labels that fit under the x axis. */
function HourBars({ data, scale }: { data: ScaledRow[]; scale: DurationScale }) {
  return (
    <div className="h-56" data-testid="time-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          accessibilityLayer={false}
          maxBarSize={28}
          margin={{ left: 0, right: 8, top: 4, bottom: 4 }}
        >
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
          <YAxis tick={{ fontSize: 11 }} unit={` ${scale.unit}`} width={52} domain={[0, "auto"]} />
          <Tooltip formatter={(v) => [`${v} ${scale.unit}`]} />
          <Legend />
          <Bar dataKey="p50" name="median" fill={BAR_COLORS.p50} isAnimationActive={false} />
          <Bar dataKey="p90" name="p90" fill={BAR_COLORS.p90} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

function TimeChart({ title, rows, byHour = false }: { title: string; rows: TimeRow[]; byHour?: boolean }) {
  // One unit per chart, fitted to its slowest p90: seconds for quick queues, hours for slow ones.
  const scale = durationScale(Math.max(0, ...rows.map((r) => r.p90_min ?? r.p50_min ?? 0)));
  const data = rows.map((r) => ({
    name: byHour ? `${r.key}:00` : (r.key ?? "—"),
    p50: inScale(r.p50_min, scale),
    p90: inScale(r.p90_min, scale),
  }));
  const table = {
    columns: ["Group", "Decided", `Median (${scale.word})`, `p90 (${scale.word})`],
    rows: rows.map((r, i) => [data[i].name, r.decided, data[i].p50, data[i].p90]),
  };
  const slowest = peakOf(table.rows, 2);
  const groups = `${rows.length} ${rows.length === 1 ? "group" : "groups"}`;
  return (
    <Card title={title} description={`Time from request to decision, in ${scale.word}: median and p90`}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">No decided requests in this range.</p>
      ) : (
        <ChartWithAlternative
          title={title}
          table={table}
          summary={`${groups}; ${slowest ? `slowest median ${slowest.value} ${scale.unit} for ${slowest.at}` : "no median yet"}.`}
        >
          {byHour ? <HourBars data={data} scale={scale} /> : <GroupBars data={data} scale={scale} />}
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
