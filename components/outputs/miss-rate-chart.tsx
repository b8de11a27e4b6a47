"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartWithAlternative, peakOf } from "@/components/ui/chart-alternative";
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
  const table = {
    columns: ["Week", "Sampled", "Reviewed", "Miss rate (%)"],
    rows: data.map((w) => [w.week, w.sampled, w.reviewed, w.missPct]),
  };
  const worst = peakOf(table.rows, 3);
  const sampled = weeks.reduce((a, w) => a + w.sampled, 0);
  const reviewed = weeks.reduce((a, w) => a + w.reviewed, 0);
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="miss-rate-chart">
      <h3 className="text-sm font-semibold text-slate-900">Miss rate per week</h3>
      <p className="text-xs text-slate-500">
        Share of reviewed samples the classifier should have caught (line), with samples drawn and reviewed (bars)
      </p>
      {empty ? (
        <div className="mt-3 flex h-56 items-center justify-center text-sm text-slate-500">
          No samples in the last {weeks.length} weeks
        </div>
      ) : (
        <ChartWithAlternative
          title="Miss rate per week"
          summary={`${sampled} samples drawn and ${reviewed} reviewed over ${weeks.length} weeks; ${worst ? `highest miss rate ${worst.value} % in the week of ${worst.at}` : "no miss rate yet"}.`}
          table={table}
        >
          <div className="mt-3 h-56">
            <ResponsiveContainer width="100%" height="100%">
              <ComposedChart data={data} accessibilityLayer={false}>
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
          </div>
        </ChartWithAlternative>
      )}
    </section>
  );
}
