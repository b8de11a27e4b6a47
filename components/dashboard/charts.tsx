"use client";

import type { ReactNode } from "react";
import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { ChartWithAlternative, peakOf, type ChartCell, type ChartTable } from "@/components/ui/chart-alternative";
import { columnsFor, DataTable, type ListColumn } from "@/components/ui/data-table";
import { fromFirstData } from "@/lib/client/chart-range";
import type { Overview } from "./types";

const PALETTE = ["#4f46e5", "#0891b2", "#059669", "#d97706", "#db2777", "#7c3aed", "#65a30d", "#0f766e"];

function timeLabel(iso: unknown, bucketMinutes: number) {
  const d = new Date(String(iso));
  if (bucketMinutes >= 120) return `${d.toISOString().slice(5, 13).replace("T", " ")}h`;
  return d.toISOString().slice(11, 16);
}

function ChartCard({
  title,
  subtitle,
  children,
  empty,
  summary,
  table,
}: {
  title: string;
  subtitle?: string;
  children: ReactNode;
  empty?: boolean;
  summary: string;
  table: ChartTable;
}) {
  return (
    <section className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {subtitle && <p className="text-xs text-slate-500">{subtitle}</p>}
      {empty ? (
        <div className="mt-3 flex h-56 items-center justify-center text-sm text-slate-500">No data in range</div>
      ) : (
        <div className="mt-3">
          <ChartWithAlternative title={title} summary={summary} table={table}>
            <div className="h-56">{children}</div>
          </ChartWithAlternative>
        </div>
      )}
    </section>
  );
}

const num = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** "Highest 12 % at 14:00; latest 3 %." for one column of a chart's table. */
function trendSentence(what: string, table: ChartTable, column: number, unit: string): string {
  const peak = peakOf(table.rows, column);
  if (!peak) return `No ${what} in this range.`;
  const latest = [...table.rows].reverse().find((r) => typeof r[column] === "number")?.[column];
  return `Highest ${what} ${peak.value}${unit} at ${peak.at}; latest ${latest}${unit}.`;
}

const axis = { fontSize: 11, fill: "#64748b" };
/** Percent axes end at the next round step above the data (never past 100), so 2 % does not sit flat on a 0–100 axis. */
const pctDomain: [number, (max: number) => number] = [
  0,
  (max) => Math.min(100, max <= 0 ? 10 : Math.ceil((max * 1.1) / (max > 20 ? 10 : 1)) * (max > 20 ? 10 : 1)),
];

type ServerActionRow = Overview["by_server_action"][number];
const sa = columnsFor<ServerActionRow>();
const SERVER_ACTION_COLUMNS = [
  sa.accessor("server", { header: "Server", sortFn: "text", meta: { className: "font-medium text-slate-800" } }),
  sa.accessor("action", { header: "Action", meta: { className: "text-slate-600" } }),
  sa.accessor("calls", {
    header: "Calls",
    sortFn: "basic",
    meta: { className: "tabular-nums" },
    cell: (c) => c.getValue().toLocaleString("en"),
  }),
  sa.accessor("deny_rate_pct", {
    header: "Denied",
    sortFn: "basic",
    meta: { className: "tabular-nums" },
    cell: (c) => `${c.getValue()} %`,
  }),
  sa.accessor((r) => r.p95_ms ?? -1, {
    id: "p95",
    header: "p95",
    sortFn: "basic",
    meta: { className: "tabular-nums" },
    cell: (c) => {
      const v = c.row.original.p95_ms;
      return v === null ? "—" : v >= 1000 ? `${(v / 1000).toFixed(1)} s` : `${v} ms`;
    },
  }),
] as ListColumn<ServerActionRow>[];

/** The table behind each chart (what a screen reader and the "table" toggle show), one row per bucket. */
function chartTables(data: Overview, series: Overview["series"], tick: (v: unknown) => string) {
  const rowsOf = (cells: (p: Overview["series"][number]) => ChartCell[]): ChartCell[][] =>
    series.map((p) => [tick(p.t), ...cells(p)]);
  const calls: ChartTable = {
    columns: ["Time", ...data.servers, "All servers"],
    rows: rowsOf((p) => {
      const each = data.servers.map((s) => num(p[`calls:${s}`]) ?? 0);
      return [...each, each.reduce((a, b) => a + b, 0)];
    }),
  };
  const denial: ChartTable = { columns: ["Time", "Denied (%)"], rows: rowsOf((p) => [num(p.deny_rate_pct)]) };
  const latency: ChartTable = {
    columns: ["Time", ...data.servers.map((s) => `${s} p95 (ms)`)],
    rows: rowsOf((p) => data.servers.map((s) => num(p[`p95:${s}`]))),
  };
  const queue: ChartTable = {
    columns: ["Time", "Median wait (min)", "Timed out (%)"],
    rows: rowsOf((p) => [num(p.queue_p50_min), num(p.timeout_rate_pct)]),
  };
  const quarantine: ChartTable = {
    columns: ["Time", "Quarantined (%)"],
    rows: rowsOf((p) => [num(p.quarantine_pct)]),
  };
  return { calls, denial, latency, queue, quarantine };
}

export function DashboardCharts({ data }: { data: Overview }) {
  const tick = (v: unknown) => timeLabel(v, data.bucket_minutes);
  // The time axis starts where the data does; the subtitle says so when the range began earlier.
  const { points: series, trimmed } = fromFirstData(data.series);
  const since = trimmed && series[0] ? ` · since ${tick(series[0].t)}, the first data in this range` : "";
  const noCalls = data.totals.calls === 0;
  const noResults = data.totals.results === 0;
  const hasQueue = series.some((p) => p.queue_p50_min !== null || p.timeout_rate_pct !== null);
  const { calls, denial, latency, queue, quarantine } = chartTables(data, series, tick);
  const busiest = peakOf(calls.rows, data.servers.length + 1);
  const slowest = data.servers
    .map((s, i) => ({ s, peak: peakOf(latency.rows, i + 1) }))
    .filter((x) => x.peak)
    .sort((a, b) => (b.peak?.value ?? 0) - (a.peak?.value ?? 0))[0];
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <ChartCard
        title="Calls by server"
        subtitle={`Decisions per ${data.bucket_minutes} min${since}`}
        empty={noCalls}
        table={calls}
        summary={`${data.totals.calls.toLocaleString("en")} decisions across ${data.servers.length} servers${busiest ? `; busiest at ${busiest.at} with ${busiest.value}` : ""}.`}
      >
        <CallsBars series={series} servers={data.servers} tick={tick} />
      </ChartCard>
      <ChartCard
        title="Denial rate"
        subtitle={`Share of decisions that were DENY (%)${since}`}
        empty={noCalls}
        table={denial}
        summary={trendSentence("denial rate", denial, 1, " %")}
      >
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={series} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="t" tickFormatter={tick} tick={axis} minTickGap={24} />
            <YAxis tick={axis} unit="%" width={44} domain={pctDomain} allowDataOverflow={false} />
            <Tooltip labelFormatter={tick} formatter={(v) => [`${v} %`, "denied"]} />
            <Area type="monotone" dataKey="deny_rate_pct" stroke="#dc2626" fill="#fee2e2" isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title="Tool-call p95 latency by server"
        subtitle={`From reported results (ms); the gate blocks above 5 s for 15 min${since}`}
        empty={noResults}
        table={latency}
        summary={
          slowest?.peak
            ? `Slowest p95 ${slowest.peak.value} ms on ${slowest.s} at ${slowest.peak.at}.`
            : "No latency reported in this range."
        }
      >
        <LatencyLines series={series} servers={data.servers} tick={tick} />
      </ChartCard>
      <ChartCard
        title="Approval queue"
        subtitle={`Median wait (min) and share of approvals that timed out (%)${since}`}
        empty={!hasQueue}
        table={queue}
        summary={`${trendSentence("median wait", queue, 1, " min")} ${trendSentence("timeout share", queue, 2, " %")}`}
      >
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={series} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="t" tickFormatter={tick} tick={axis} minTickGap={24} />
            <YAxis yAxisId="min" tick={axis} width={40} unit="m" />
            <YAxis yAxisId="pct" orientation="right" tick={axis} width={40} unit="%" domain={pctDomain} />
            <Tooltip labelFormatter={tick} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line
              yAxisId="min"
              type="monotone"
              dataKey="queue_p50_min"
              name="median wait (min)"
              stroke="#4f46e5"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              yAxisId="pct"
              type="monotone"
              dataKey="timeout_rate_pct"
              name="timed out (%)"
              stroke="#d97706"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </ChartCard>
      <ChartCard
        title="Output QUARANTINE ratio"
        subtitle={`Share of reported outputs withheld (%)${since}`}
        empty={noResults}
        table={quarantine}
        summary={trendSentence("quarantine ratio", quarantine, 1, " %")}
      >
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={series} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="t" tickFormatter={tick} tick={axis} minTickGap={24} />
            <YAxis tick={axis} unit="%" width={44} domain={pctDomain} allowDataOverflow={false} />
            <Tooltip labelFormatter={tick} formatter={(v) => [`${v} %`, "quarantined"]} />
            <Area type="monotone" dataKey="quarantine_pct" stroke="#7c3aed" fill="#ede9fe" isAnimationActive={false} />
          </AreaChart>
        </ResponsiveContainer>
      </ChartCard>
      <section className="min-w-0 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h3 className="text-sm font-semibold text-slate-900">By server and action</h3>
        <p className="text-xs text-slate-500">Calls, denial rate and p95 latency over the range</p>
        {data.by_server_action.length === 0 ? (
          <div className="flex h-56 items-center justify-center text-sm text-slate-500">No data in range</div>
        ) : (
          <div className="mt-3">
            <DataTable
              data={data.by_server_action}
              columns={SERVER_ACTION_COLUMNS}
              rowId={(r) => `${r.server}/${r.action}`}
              noun="server and action pairs"
              testId="server-action-table"
              initialSort={{ id: "calls", desc: true }}
              initialPageSize={10}
              columnMenu={false}
            />
          </div>
        )}
      </section>
    </div>
  );
}

/** Decisions per bucket, stacked by server. */
function CallsBars({
  series,
  servers,
  tick,
}: {
  series: Overview["series"];
  servers: string[];
  tick: (v: unknown) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={series} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="t" tickFormatter={tick} tick={axis} minTickGap={24} />
        <YAxis tick={axis} allowDecimals={false} width={40} />
        <Tooltip labelFormatter={tick} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {servers.map((s, i) => (
          <Bar
            key={s}
            dataKey={`calls:${s}`}
            name={s}
            stackId="calls"
            fill={PALETTE[i % PALETTE.length]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

/** p95 latency per bucket, one line per server. */
function LatencyLines({
  series,
  servers,
  tick,
}: {
  series: Overview["series"];
  servers: string[];
  tick: (v: unknown) => string;
}) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={series} accessibilityLayer={false}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="t" tickFormatter={tick} tick={axis} minTickGap={24} />
        <YAxis tick={axis} width={52} />
        <Tooltip labelFormatter={tick} formatter={(v, name) => [`${v} ms`, name]} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {servers.map((s, i) => (
          <Line
            key={s}
            type="monotone"
            dataKey={`p95:${s}`}
            name={s}
            stroke={PALETTE[i % PALETTE.length]}
            dot={false}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
