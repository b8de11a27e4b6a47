"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { WeekStat } from "./types";

const axis = { fontSize: 11, fill: "#64748b" };

/** Samples reviewed per week (bars) and the share of them the classifier missed (line, %). */
export function MissRateChart({ weeks }: { weeks: WeekStat[] }) {
  const data = weeks.map((w) => ({
    ...w,
    label: w.week.slice(5),
    missPct: w.missRate === null ? null : Math.round(w.missRate * 1000) / 10,
  }));
  const empty = weeks.every((w) => w.sampled === 0);
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="miss-rate-chart">
      <h3 className="text-sm font-semibold text-slate-900">Miss rate per week</h3>
      <p className="text-xs text-slate-500">
        Share of reviewed samples the classifier should have caught (line), with samples drawn and reviewed (bars)
      </p>
      <div className="mt-3 h-56">
        {empty ? (
          <div className="flex h-full items-center justify-center text-sm text-slate-400">
            No samples in the last {weeks.length} weeks
          </div>
        ) : (
          <ResponsiveContainer width="100%" height="100%">
            <ComposedChart data={data}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="label" tick={axis} />
              <YAxis yAxisId="n" tick={axis} allowDecimals={false} width={36} />
              <YAxis
                yAxisId="pct"
                orientation="right"
                tick={axis}
                unit="%"
                width={44}
                domain={[0, (max: number) => Math.max(10, Math.ceil(max))]}
              />
              <Tooltip />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              <Bar yAxisId="n" dataKey="sampled" name="sampled" fill="#cbd5e1" isAnimationActive={false} />
              <Bar yAxisId="n" dataKey="reviewed" name="reviewed" fill="#6366f1" isAnimationActive={false} />
              <Line
                yAxisId="pct"
                type="monotone"
                dataKey="missPct"
                name="miss rate %"
                stroke="#dc2626"
                strokeWidth={2}
                connectNulls
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
    </section>
  );
}
