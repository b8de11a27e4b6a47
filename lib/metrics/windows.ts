// Time windows of the metric endpoints (`?window=10m`, `2h`) and minute arithmetic. Pure.

export const MINUTE_MS = 60_000;
export const MAX_WINDOW_MINUTES = 7 * 24 * 60;

/** "10m" → 10, "2h" → 120; null for anything else or beyond 7 days. */
export function parseWindow(text: string): number | null {
  const m = /^([1-9][0-9]{0,5})([mh])$/.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * (m[2] === "h" ? 60 : 1);
  return minutes <= MAX_WINDOW_MINUTES ? minutes : null;
}

export function minuteFloor(ms: number): number {
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}

/**
 * A window of N minutes ending now is the last N minute buckets, the current (partial)
 * one included: [start, end) with end the end of the current minute.
 */
export function windowBounds(now: number, minutes: number): { start: number; end: number } {
  const end = minuteFloor(now) + MINUTE_MS;
  return { start: end - minutes * MINUTE_MS, end };
}
