// Tool-call latency as a percentile-friendly histogram: whole milliseconds below 100 ms,
// then 64 logarithmic buckets per doubling (each ~1.1 % wide), so a percentile read from
// the buckets is within ~0.6 % of the exact one. Pure; shared by rollups, gates and /api/metrics.

const LINEAR = 100;
const PER_DOUBLING = 64;

/** The bucket index of a duration (ms, ≥ 0). */
export function bucketOf(ms: number): number {
  const v = Math.max(0, Math.floor(ms));
  if (v < LINEAR) return v;
  return LINEAR + Math.floor(PER_DOUBLING * Math.log2(v / LINEAR) + 1e-9);
}

/** The lowest duration (ms) that falls into the bucket. */
export function bucketLower(bucket: number): number {
  if (bucket < LINEAR) return bucket;
  return Math.ceil(LINEAR * 2 ** ((bucket - LINEAR) / PER_DOUBLING) - 1e-9);
}

/** The value a bucket stands for when only its count is known: the middle of its range. */
export function bucketValue(bucket: number): number {
  if (bucket < LINEAR) return bucket;
  return Math.round((bucketLower(bucket) + bucketLower(bucket + 1) - 1) / 2);
}

/** A value and how many times it was seen. */
export type Weighted = readonly [value: number, count: number];

/**
 * Nearest-rank percentile (0 < p ≤ 1): the smallest value v such that at least p of all
 * samples are ≤ v. null when there are no samples.
 */
export function percentile(samples: readonly Weighted[], p: number): number | null {
  let total = 0;
  for (const [, c] of samples) total += c;
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil(p * total - 1e-9));
  const sorted = [...samples].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  let seen = 0;
  for (const [v, c] of sorted) {
    seen += c;
    if (seen >= rank) return v;
  }
  return sorted[sorted.length - 1][0];
}

/** Prometheus `le` boundaries (seconds); a bucket counts below a boundary when its middle does (exact below 100 ms). */
export const PROMETHEUS_LE_SECONDS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];
