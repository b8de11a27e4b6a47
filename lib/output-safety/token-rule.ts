/** Prefixed vendor tokens: a literal anchor, a sticky regex for the exact shape, an optional check. */
import { boundaryBefore, emit } from "./context";
import { isPlaceholder } from "./entropy";
import type { Detector, ScanContext } from "./types";

export interface TokenRule {
  kind: string;
  description: string;
  /** Case-sensitive literals that wake the rule; the match must contain the anchor. */
  anchors: readonly string[];
  /** Sticky ("y") regex matched at the token start. */
  re: RegExp;
  /** Base confidence, or a function of the match returning a confidence (<= 0 drops it). */
  confidence: number | ((m: RegExpExecArray, scan: ScanContext, start: number) => number);
  /** Where the token starts relative to the anchor hit, for anchors in the middle of a token. */
  back?: (text: string, at: number) => number;
  /** Widen the finding to a preceding "https://" (webhook URLs). */
  includeScheme?: boolean;
}

export function tokenDetector(rule: TokenRule): Detector {
  if (!rule.re.sticky) throw new Error(`token rule ${rule.kind} needs a sticky regex`);
  return {
    id: rule.kind,
    anchors: rule.anchors,
    detect(scan, at) {
      const { text } = scan;
      const start = rule.back ? rule.back(text, at) : at;
      if (start < 0 || start > at || !boundaryBefore(text, start)) return;
      rule.re.lastIndex = start;
      const m = rule.re.exec(text);
      if (!m) return;
      const end = start + m[0].length;
      if (end <= at || isPlaceholder(m[0])) return;
      const confidence = typeof rule.confidence === "number" ? rule.confidence : rule.confidence(m, scan, start);
      let from = start;
      if (rule.includeScheme) {
        if (text.startsWith("https://", start - 8)) from = start - 8;
        else if (text.startsWith("http://", start - 7)) from = start - 7;
      }
      emit(scan, rule.kind, "secret", from, end, confidence);
    },
  };
}

/** Start of a run of `re`-matching characters ending at `at`, at most `max` long. */
export function runStart(text: string, at: number, re: RegExp, max: number): number {
  let i = at;
  while (i > 0 && at - i < max && re.test(text[i - 1])) i--;
  return i;
}
