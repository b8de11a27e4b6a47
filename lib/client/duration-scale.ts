/** A unit for durations measured in minutes, picked so the largest value reads as a plain number. */
export interface DurationScale {
  /** Axis suffix: "s", "min" or "h". */
  unit: "s" | "min" | "h";
  /** The unit in words, for headings ("Median (seconds)"). */
  word: "seconds" | "minutes" | "hours";
  /** Multiply minutes by this to get the unit. */
  perMinute: number;
}

const SECONDS: DurationScale = { unit: "s", word: "seconds", perMinute: 60 };
const MINUTES: DurationScale = { unit: "min", word: "minutes", perMinute: 1 };
const HOURS: DurationScale = { unit: "h", word: "hours", perMinute: 1 / 60 };

/** Seconds below 2 minutes, hours from 3 hours, minutes between: a 6-second wait is not a flat "0 min" bar. */
export function durationScale(maxMinutes: number): DurationScale {
  if (maxMinutes < 2) return SECONDS;
  if (maxMinutes >= 180) return HOURS;
  return MINUTES;
}

/** `minutes` in the scale's unit, to one decimal; null stays null. */
export function inScale(minutes: number | null, scale: DurationScale): number | null {
  return minutes === null ? null : Math.round(minutes * scale.perMinute * 10) / 10;
}
