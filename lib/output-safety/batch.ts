/**
 * Batch prefilter for outputs made of many small strings (structured JSON). Every leaf is joined into
 * one text and each cheap pass (anchors, digit runs, IBAN starts, invisible characters, base64 runs,
 * custom patterns) runs once over it; only leaves with a hit get the full per-string scan. A leaf
 * without any hit cannot produce a finding, except through its field name, which callers check.
 */
import { IBAN_START_RE, NUMBER_SPAN_RE } from "./pii";
import { anchorRegexes } from "./scan";
import { DISCORD_TOKEN_RE } from "./secrets-structured";
import { DECODE_HINT_RE } from "./steering-decode";
import { B64_RUN_RE, INVISIBLE_OR_CONTROL_RE } from "./steering-hidden";
import type { ResolvedOptions } from "./types";

/** NUL cannot appear inside any anchor or token, and the newlines stop line-based phrases. */
const SEPARATOR = "\n\u0000\n";
const MIN_LEAVES = 32;
const MAX_AVERAGE = 2048;

/** Which leaves need a full scan; null when batching does not pay off (few or large leaves: scan them all). */
export function leavesWithHits(texts: readonly string[], opts: ResolvedOptions): Uint8Array | null {
  if (texts.length < MIN_LEAVES) return null;
  let total = 0;
  for (const t of texts) total += t.length;
  if (total / texts.length > MAX_AVERAGE) return null;
  const joined = texts.join(SEPARATOR);
  const starts = new Int32Array(texts.length + 1);
  for (let i = 0, at = 0; i < texts.length; i++) {
    starts[i] = at;
    at += texts[i].length + SEPARATOR.length;
  }
  starts[texts.length] = joined.length + SEPARATOR.length;
  const marked = new Uint8Array(texts.length);
  const leafAt = (pos: number): number => {
    let lo = 0,
      hi = texts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const passes: { re: RegExp; accept?: (m: string) => boolean }[] = [
    ...anchorRegexes(opts.steering).map((re) => ({ re })),
    { re: NUMBER_SPAN_RE },
    { re: IBAN_START_RE },
    { re: DISCORD_TOKEN_RE },
  ];
  if (opts.steering) {
    passes.push(
      { re: INVISIBLE_OR_CONTROL_RE },
      { re: B64_RUN_RE, accept: (m) => /[a-z]/.test(m) && /[A-Z]/.test(m) },
      { re: DECODE_HINT_RE },
    );
  }
  for (const { re, accept } of passes) {
    re.lastIndex = 0;
    for (let m = re.exec(joined); m; m = re.exec(joined)) {
      if (m[0].length === 0) re.lastIndex++;
      if (accept && !accept(m[0])) continue;
      const leaf = leafAt(m.index);
      marked[leaf] = 1;
      re.lastIndex = Math.max(re.lastIndex, starts[leaf + 1]); // one hit per leaf is enough
    }
  }
  for (const c of opts.custom) {
    if ((!opts.steering && c.category === "steering") || !c.re.test(joined)) continue;
    const matcher = c.re.matcher(joined);
    for (let from = 0; from <= joined.length && matcher.find(from); ) {
      const leaf = leafAt(matcher.start());
      marked[leaf] = 1;
      from = Math.max(matcher.end() + (matcher.end() === matcher.start() ? 1 : 0), starts[leaf + 1]);
    }
  }
  return marked;
}
