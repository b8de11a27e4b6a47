import { describe, expect, it } from "vitest";
import { fromFirstData, fromFirstValue } from "./chart-range";

const empty = (t: number) => ({ t: String(t), calls: 0, results: 0, queue_p50_min: null, timeout_rate_pct: null });

describe("fromFirstData", () => {
  it("starts at the first bucket with calls, results or a queue figure", () => {
    const series = Array.from({ length: 60 }, (_, i) => empty(i));
    series[50] = { ...series[50], calls: 3 };
    expect(fromFirstData(series).points.map((p) => p.t)).toEqual(Array.from({ length: 10 }, (_, i) => String(50 + i)));
    const queueOnly = Array.from({ length: 60 }, (_, i) => empty(i));
    queueOnly[40] = { ...queueOnly[40], queue_p50_min: 0 as never };
    expect(fromFirstData(queueOnly).points[0].t).toBe("40");
  });

  it("keeps at least six buckets when the data is only at the very end", () => {
    const series = Array.from({ length: 60 }, (_, i) => empty(i));
    series[59] = { ...series[59], results: 1 };
    const { points, trimmed } = fromFirstData(series);
    expect(points.map((p) => p.t)).toEqual(["54", "55", "56", "57", "58", "59"]);
    expect(trimmed).toBe(true);
  });

  it("leaves a series alone when its data starts at the first bucket or there is none", () => {
    const series = Array.from({ length: 10 }, (_, i) => empty(i));
    expect(fromFirstData(series)).toEqual({ points: series, trimmed: false });
    series[0] = { ...series[0], calls: 1 };
    expect(fromFirstData(series)).toEqual({ points: series, trimmed: false });
  });
});

describe("fromFirstValue", () => {
  it("drops the leading gaps of a sparkline only", () => {
    expect(fromFirstValue([null, null, 1, null, 2])).toEqual([1, null, 2]);
    expect(fromFirstValue([0, null])).toEqual([0, null]);
    expect(fromFirstValue([null, null])).toEqual([null, null]);
  });
});
