/**
 * One masking pass over the whole output: a value detected in one place is masked everywhere it appears,
 * also where the output carries it percent-encoded, JSON-escaped or base64-encoded, and — for values that
 * wrap others (Basic credentials, cookie headers, credential URLs) — where the inner value appears alone.
 */
import { decodeBase64Text } from "./encoding";
import type { RawFinding } from "./types";

/** Shorter values (a 4-digit PIN) would mask unrelated text when searched for everywhere. */
const MIN_LENGTH = 6;
/** Cap per output, so a pathological output with thousands of distinct findings stays linear. */
const MAX_VALUES = 256;
const COOKIE_ATTRIBUTES = /^(?:path|domain|expires|max-age|samesite|secure|httponly|priority|partitioned)$/i;

function base64(value: string): string | undefined {
  let bin = "";
  for (const byte of new TextEncoder().encode(value)) bin += String.fromCharCode(byte);
  try {
    return btoa(bin).replace(/=+$/, "");
  } catch {
    return undefined;
  }
}

/** The value itself, its encodings, and the secrets it wraps. */
export function variantsOf(kind: string, value: string): string[] {
  const inner: string[] = [value];
  if (kind === "basic_auth") {
    const decoded = decodeBase64Text(value);
    if (decoded?.includes(":")) inner.push(decoded, decoded.slice(decoded.indexOf(":") + 1));
  }
  if (value.includes("=") && value.includes(";")) {
    // A cookie header: each cookie's value is a secret on its own (Set-Cookie elsewhere, curl -b …).
    for (const pair of value.split(";")) {
      const eq = pair.indexOf("=");
      if (eq > 0 && !COOKIE_ATTRIBUTES.test(pair.slice(0, eq).trim())) inner.push(pair.slice(eq + 1).trim());
    }
  }
  if (/%[0-9A-Fa-f]{2}/.test(value)) {
    try {
      inner.push(decodeURIComponent(value));
    } catch {
      // not percent-encoded after all
    }
  }
  const out = new Set<string>();
  for (const v of inner) {
    if (v.length < MIN_LENGTH) continue;
    out.add(v);
    out.add(encodeURIComponent(v));
    const json = JSON.stringify(v).slice(1, -1);
    out.add(json);
    out.add(json.replace(/\//g, "\\/"));
    if (v.length >= 8) {
      const b = base64(v);
      if (b !== undefined && b.length >= MIN_LENGTH) out.add(b);
    }
  }
  return [...out].filter((v) => v.length >= MIN_LENGTH);
}

interface Needle {
  text: string;
  kind: string;
  category: RawFinding["category"];
  confidence: number;
}

/** Findings per leaf, extended with every other occurrence of every detected value (overlaps merged). */
export function propagateFindings(texts: readonly string[], perLeaf: readonly RawFinding[][]): RawFinding[][] {
  const needles = new Map<string, Needle>();
  perLeaf.forEach((found, i) => {
    for (const f of found) {
      if (f.category === "steering" || needles.size >= MAX_VALUES) continue;
      for (const v of variantsOf(f.kind, texts[i].slice(f.start, f.end)))
        if (!needles.has(v)) needles.set(v, { text: v, kind: f.kind, category: f.category, confidence: f.confidence });
    }
  });
  if (needles.size === 0) return perLeaf as RawFinding[][];
  const sorted = [...needles.values()].sort((a, b) => b.text.length - a.text.length);
  const byPrefix = new Map<number, Needle[]>();
  for (const n of sorted) {
    const key = prefixHash(n.text, 0);
    byPrefix.set(key, [...(byPrefix.get(key) ?? []), n]);
  }
  return perLeaf.map((found, i) => {
    const text = texts[i];
    if (text.length < MIN_LENGTH) return found as RawFinding[];
    const known = new Map<number, number>(); // start → end of what the detectors already found
    for (const f of found) if (f.category !== "steering") known.set(f.start, Math.max(known.get(f.start) ?? 0, f.end));
    const fresh = (at: number, len: number): boolean => (known.get(at) ?? -1) < at + len;
    const added =
      text.length * sorted.length <= DIRECT_SEARCH_BUDGET
        ? searchEach(text, sorted, fresh)
        : searchByPrefix(text, byPrefix, fresh);
    return added.length === 0 ? (found as RawFinding[]) : mergeSpans(found, added);
  });
}

/** Few needles or a short text: one indexOf pass per needle (memchr-fast). */
const DIRECT_SEARCH_BUDGET = 1 << 20;

type Fresh = (at: number, length: number) => boolean;

const occurrence = (n: Needle, at: number): RawFinding => ({
  kind: n.kind,
  category: n.category,
  start: at,
  end: at + n.text.length,
  confidence: n.confidence,
});

function searchEach(text: string, needles: readonly Needle[], fresh: Fresh): RawFinding[] {
  const out: RawFinding[] = [];
  for (const n of needles)
    for (let at = text.indexOf(n.text); at !== -1; at = text.indexOf(n.text, at + n.text.length))
      if (fresh(at, n.text.length)) out.push(occurrence(n, at));
  return out;
}

/** Hash of the MIN_LENGTH characters at `at` (no allocation). */
function prefixHash(text: string, at: number): number {
  let h = 0;
  for (let k = 0; k < MIN_LENGTH; k++) h = (Math.imul(h, 31) + text.charCodeAt(at + k)) | 0;
  return h;
}

/** Many needles over a long text: one pass, a rolling hash of each position's first characters (linear). */
function searchByPrefix(text: string, byPrefix: ReadonlyMap<number, readonly Needle[]>, fresh: Fresh): RawFinding[] {
  const out: RawFinding[] = [];
  let pow = 1; // 31^(MIN_LENGTH-1), for removing the character that leaves the window
  for (let k = 1; k < MIN_LENGTH; k++) pow = Math.imul(pow, 31);
  let h = prefixHash(text, 0);
  for (let at = 0; at + MIN_LENGTH <= text.length; at++) {
    if (at > 0)
      h = (Math.imul(h - Math.imul(text.charCodeAt(at - 1), pow), 31) + text.charCodeAt(at + MIN_LENGTH - 1)) | 0;
    const candidates = byPrefix.get(h);
    if (candidates === undefined) continue;
    const n = candidates.find((c) => text.startsWith(c.text, at));
    if (n !== undefined && fresh(at, n.text.length)) out.push(occurrence(n, at));
  }
  return out;
}

/** Redactable spans merged where they overlap (the earlier finding's kind names the union); steering kept as is. */
function mergeSpans(found: readonly RawFinding[], added: RawFinding[]): RawFinding[] {
  const steering = found.filter((f) => f.category === "steering");
  const spans = [...found.filter((f) => f.category !== "steering"), ...added].sort(
    (a, b) => a.start - b.start || b.end - a.end,
  );
  const merged: RawFinding[] = [];
  for (const f of spans) {
    const last = merged[merged.length - 1];
    if (last && f.start < last.end) {
      if (f.end > last.end) merged[merged.length - 1] = { ...last, end: f.end };
      continue;
    }
    merged.push({ ...f });
  }
  return [...merged, ...steering].sort((a, b) => a.start - b.start || a.end - b.end);
}
