import { describe, expect, it } from "vitest";
import { bucketLower, bucketOf, bucketValue, percentile, type Weighted } from "./histogram";

describe("latency histogram", () => {
  it("is exact below 100 ms and ~1.1 % wide above", () => {
    expect([0, 1, 57, 99].map(bucketOf)).toEqual([0, 1, 57, 99]);
    expect(bucketOf(100)).toBe(100);
    for (const v of [100, 101, 150, 999, 1000, 2000, 4999, 5000, 5001, 86_400_000]) {
      const b = bucketOf(v);
      expect(bucketLower(b), `${v}`).toBeLessThanOrEqual(v);
      expect(bucketLower(b + 1), `${v}`).toBeGreaterThan(v);
      expect(Math.abs(bucketValue(b) - v) / v, `${v}`).toBeLessThan(0.0112);
    }
  });
  it("bucket indices only grow with the duration", () => {
    let last = -1;
    for (let v = 0; v < 200_000; v += 7) {
      const b = bucketOf(v);
      expect(b).toBeGreaterThanOrEqual(last);
      last = b;
    }
  });
  it("nearest-rank percentiles", () => {
    const ten: Weighted[] = Array.from({ length: 10 }, (_, i) => [(i + 1) * 10, 1]);
    expect(percentile(ten, 0.5)).toBe(50);
    expect(percentile(ten, 0.95)).toBe(100);
    expect(percentile(ten, 0.9)).toBe(90);
    expect(
      percentile(
        [
          [5, 1],
          [15, 1],
        ],
        0.5,
      ),
    ).toBe(5);
    expect(
      percentile(
        [
          [300, 94],
          [9000, 6],
        ],
        0.95,
      ),
    ).toBe(9000);
    expect(
      percentile(
        [
          [300, 95],
          [9000, 5],
        ],
        0.95,
      ),
    ).toBe(300);
    expect(percentile([], 0.5)).toBeNull();
  });
  it("a percentile read from buckets stays within 0.6 % of the exact one", () => {
    const values = Array.from({ length: 5000 }, (_, i) => Math.round(50 + ((i * 7919) % 9973) * 1.7));
    const exact = percentile(
      values.map((v) => [v, 1] as const),
      0.95,
    )!;
    const counts = new Map<number, number>();
    for (const v of values) counts.set(bucketOf(v), (counts.get(bucketOf(v)) ?? 0) + 1);
    const approx = percentile(
      [...counts].map(([b, c]) => [bucketValue(b), c] as const),
      0.95,
    )!;
    expect(Math.abs(approx - exact) / exact).toBeLessThan(0.006);
  });
});
