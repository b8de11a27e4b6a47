/** From raw candidates to findings: combine weak steering signals, apply the threshold, settle overlaps. */
import { combineWeakSignals } from "./steering";
import type { RawFinding } from "./types";

const overlaps = (a: RawFinding, b: RawFinding): boolean => a.start < b.end && b.start < a.end;

const MAX_STEERING_FINDINGS = 64;

/** Kinds that say "a secret is here" without saying which: on a tie, a named kind wins. */
const GENERIC_KINDS = new Set([
  "generic_secret",
  "password",
  "authorization_header",
  "bearer_token",
  "url_credentials",
]);
const specificity = (f: RawFinding): number => (GENERIC_KINDS.has(f.kind) ? 0 : 1);

/** A generic finding whose whole span a named finding covers says less about the same value: the named one stays. */
function dropCoveredGeneric(redactable: RawFinding[]): RawFinding[] {
  const named = redactable.filter((f) => !GENERIC_KINDS.has(f.kind)).sort((a, b) => a.start - b.start);
  if (named.length === 0 || named.length === redactable.length) return redactable;
  // reach[i]: the furthest end among named[0..i]; a generic span is covered when a named one starting at or
  // before it reaches past its end.
  const reach = new Int32Array(named.length);
  named.forEach((n, i) => (reach[i] = Math.max(n.end, i > 0 ? reach[i - 1] : 0)));
  const covered = (f: RawFinding): boolean => {
    let lo = 0;
    let hi = named.length - 1;
    let last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (named[mid].start <= f.start) {
        last = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return last >= 0 && reach[last] >= f.end;
  };
  return redactable.filter((f) => !GENERIC_KINDS.has(f.kind) || !covered(f));
}

/** Overlapping redaction candidates form clusters; in each, the most confident (then longest) wins its span. */
function settleOverlaps(redactable: RawFinding[]): RawFinding[] {
  const byStart = [...redactable].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RawFinding[] = [];
  let cluster: RawFinding[] = [];
  let clusterEnd = -1;
  const flush = (): void => {
    cluster.sort(
      (a, b) => b.confidence - a.confidence || specificity(b) - specificity(a) || b.end - b.start - (a.end - a.start),
    );
    const accepted: RawFinding[] = [];
    for (const f of cluster) if (!accepted.some((g) => overlaps(f, g))) accepted.push(f);
    out.push(...accepted);
    cluster = [];
  };
  for (const f of byStart) {
    if (f.start >= clusterEnd && cluster.length) flush();
    cluster.push(f);
    clusterEnd = Math.max(clusterEnd, f.end);
  }
  if (cluster.length) flush();
  return out;
}

export function resolveFindings(raw: RawFinding[], minConfidence: number): RawFinding[] {
  if (raw.length === 0) return raw;
  combineWeakSignals(raw);
  const unique = new Map<string, RawFinding>();
  for (const f of raw) {
    if (f.confidence < minConfidence) continue;
    const key = `${f.kind}:${f.start}:${f.end}`;
    const seen = unique.get(key);
    if (!seen || seen.confidence < f.confidence) unique.set(key, f);
  }
  const kept = [...unique.values()];
  // Steering findings are evidence for a reviewer, not spans to redact: the most confident few are enough.
  const steering = kept
    .filter((f) => f.category === "steering")
    .sort((a, b) => b.confidence - a.confidence || a.start - b.start)
    .slice(0, MAX_STEERING_FINDINGS);
  const redactable = settleOverlaps(dropCoveredGeneric(kept.filter((f) => f.category !== "steering")));
  return [...redactable, ...steering].sort((a, b) => a.start - b.start || a.end - b.end);
}
