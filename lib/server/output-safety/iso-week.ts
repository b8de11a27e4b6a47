/** ISO 8601 weeks in UTC ("2026-W07"): Monday-based, week 1 holds the year's first Thursday. Pure. */

const DAY = 86_400_000;

export function isoWeekOf(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow); // the Thursday of this week decides the year
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / DAY + 1) / 7);
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Monday 00:00 UTC of the week, and the next Monday. */
export function weekRange(week: string): { start: Date; end: Date } {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Dow = new Date(jan4).getUTCDay() || 7;
  const start = jan4 - (jan4Dow - 1) * DAY + (Number(m[2]) - 1) * 7 * DAY;
  return { start: new Date(start), end: new Date(start + 7 * DAY) };
}

/** The week `n` weeks before the one holding `at` (n = 1: last week). */
export function weeksBefore(at: Date, n: number): string {
  return isoWeekOf(new Date(at.getTime() - n * 7 * DAY));
}

/** The last `count` weeks ending with the one holding `at`, oldest first. */
export function recentWeeks(at: Date, count: number): string[] {
  return Array.from({ length: count }, (_, i) => weeksBefore(at, count - 1 - i));
}
