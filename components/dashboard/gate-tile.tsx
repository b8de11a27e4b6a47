"use client";

import { Line, LineChart, ResponsiveContainer, YAxis } from "recharts";
import { ChartWithAlternative } from "@/components/ui/chart-alternative";
import { fromFirstValue } from "@/lib/client/chart-range";
import { formatRelative } from "@/components/ui/relative-time";
import { formatGateValue, GateStateBadge, STATE_STYLE } from "./gate-state";
import type { GateTileData } from "./types";

const LINE = { PASS: "#059669", WARN: "#d97706", BLOCK: "#dc2626", NO_DATA: "#94a3b8" } as const;

/** One gate: state first, then value against target, the block condition, owner, trend and how long it has been so. */
export function GateTile({ gate, now, runbookHref }: { gate: GateTileData; now: number; runbookHref?: string }) {
  const style = STATE_STYLE[gate.state];
  // The line starts at its first value and fills the tile instead of sitting at its right edge.
  const points = fromFirstValue(gate.sparkline);
  const data = points.map((v, i) => ({ i, v }));
  const hasTrend = gate.sparkline.some((v) => v !== null);
  return (
    <article
      id={`gate-${gate.metric}`}
      className={`flex scroll-mt-4 flex-col rounded-xl border bg-white p-4 shadow-sm ${style.ring}`}
      data-testid={`gate-${gate.metric}`}
      aria-label={`${gate.title}: ${style.label}`}
    >
      <header className="flex items-start justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-900">{gate.title}</h3>
        <GateStateBadge state={gate.state} />
      </header>
      <div className="mt-2 flex items-baseline gap-2">
        <span className="text-2xl font-semibold tabular-nums text-slate-900" data-testid="gate-value">
          {formatGateValue(gate.unit, gate.value)}
        </span>
        <span className="text-xs text-slate-500">target {gate.target.text}</span>
      </div>
      {hasTrend ? (
        <ChartWithAlternative
          compact
          title={`${gate.title} trend`}
          summary={trendSummary(gate)}
          table={{
            columns: ["Point (oldest first)", "Value"],
            rows: points.map((v, i) => [String(i + 1), v === null ? null : formatGateValue(gate.unit, v)]),
          }}
        >
          <div className="mt-1 h-10">
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={data} margin={{ top: 4, bottom: 4, left: 0, right: 0 }} accessibilityLayer={false}>
                <YAxis hide domain={["auto", "auto"]} />
                <Line
                  type="monotone"
                  dataKey="v"
                  stroke={LINE[gate.state]}
                  strokeWidth={1.75}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              </LineChart>
            </ResponsiveContainer>
          </div>
        </ChartWithAlternative>
      ) : (
        <div className="mt-1 flex h-10 items-center text-xs text-slate-500">no trend yet</div>
      )}
      <p className="mt-1 text-xs text-slate-600">{gate.reason}</p>
      <dl className="mt-3 grid grid-cols-2 gap-x-3 gap-y-1 border-t border-slate-100 pt-2 text-xs">
        <dt className="text-slate-500">Blocks when</dt>
        <dd className="text-slate-800">{gate.condition.text}</dd>
        <dt className="text-slate-500">Owner</dt>
        <dd className="text-slate-800">{gate.owner}</dd>
        <dt className="text-slate-500">In this state</dt>
        <dd className="text-slate-800" title={gate.since ?? undefined}>
          {gate.since
            ? formatRelative(now - new Date(gate.since).getTime())
                .replace(" ago", "")
                .replace("just now", "< 1 min")
            : "—"}
        </dd>
      </dl>
      {gate.state === "BLOCK" && runbookHref && (
        <a href={runbookHref} className="mt-2 text-xs font-medium text-red-700 hover:underline">
          Open the runbook →
        </a>
      )}
    </article>
  );
}

/** "Trend over 24 points: from 1.2 % to 0.4 %, lowest 0.3 %, highest 1.9 %." */
function trendSummary(gate: GateTileData): string {
  const values = gate.sparkline.filter((v): v is number => v !== null);
  const f = (v: number) => formatGateValue(gate.unit, v);
  return `Trend over ${gate.sparkline.length} points: from ${f(values[0])} to ${f(values[values.length - 1])}, lowest ${f(Math.min(...values))}, highest ${f(Math.max(...values))}.`;
}
