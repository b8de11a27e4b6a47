type Point = Record<string, number | string | null>;

/** Whether a dashboard bucket holds anything a chart draws: calls, results or an approval-queue figure. */
function hasData(p: Point): boolean {
  return (
    Number(p.calls ?? 0) > 0 ||
    Number(p.results ?? 0) > 0 ||
    (p.queue_p50_min ?? null) !== null ||
    (p.timeout_rate_pct ?? null) !== null
  );
}

/**
 * The series from its first bucket with data to the end of the range, but never fewer than
 * `minPoints` buckets: three minutes of traffic in a one-hour range fill the chart instead of a
 * sliver at its right edge, and a single point still has neighbours to draw a line to.
 */
export function fromFirstData<T extends Point>(series: T[], minPoints = 6): { points: T[]; trimmed: boolean } {
  const first = series.findIndex(hasData);
  if (first <= 0) return { points: series, trimmed: false };
  const start = Math.max(0, Math.min(first, series.length - minPoints));
  return { points: series.slice(start), trimmed: start > 0 };
}

/** A sparkline's points from the first value on; a line that starts late fills the tile's width. */
export function fromFirstValue(values: (number | null)[]): (number | null)[] {
  const first = values.findIndex((v) => v !== null);
  return first <= 0 ? values : values.slice(first);
}
