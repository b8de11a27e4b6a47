/** Findings shown in context: the strings they sit in, cut to windows around them. Pure. */

export interface StoredFinding {
  kind: string;
  category: string;
  path: string;
  start: number;
  end: number;
  confidence: number;
}

export interface SnippetMark {
  /** Offsets inside the window's text, end exclusive. */
  start: number;
  end: number;
  kind: string;
  category: string;
}

export interface SnippetWindow {
  /** Offset of the window in the whole string. */
  offset: number;
  text: string;
  marks: SnippetMark[];
}

export interface FindingContext {
  path: string;
  /** Length of the whole string (UTF-16 units). */
  length: number;
  windows: SnippetWindow[];
  /** The path did not lead to a string or number (should not happen; shown rather than hidden). */
  missing?: boolean;
}

/** RFC 6901 JSON pointer; undefined when it does not resolve. */
export function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === "") return root;
  if (!pointer.startsWith("/")) return undefined;
  let node: unknown = root;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
      node = node[Number(key)];
    } else if (node && typeof node === "object" && Object.hasOwn(node, key)) {
      node = (node as Record<string, unknown>)[key];
    } else return undefined;
  }
  return node;
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Moves a cut so it never falls between the two halves of a surrogate pair. */
function safeCut(text: string, at: number, direction: -1 | 1): number {
  if (at <= 0 || at >= text.length) return Math.max(0, Math.min(text.length, at));
  return isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1)) ? at + direction : at;
}

/** Windows of `context` units either side of each finding, merged where they touch; at most `maxWindows` per string. */
export function contextWindows(
  text: string,
  findings: readonly StoredFinding[],
  context = 160,
  maxWindows = 25,
): SnippetWindow[] {
  const sorted = [...findings]
    .map((f) => ({
      ...f,
      start: Math.max(0, Math.min(text.length, f.start)),
      end: Math.max(0, Math.min(text.length, f.end)),
    }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const ranges: { from: number; to: number; items: typeof sorted }[] = [];
  for (const f of sorted) {
    const from = safeCut(text, f.start - context, -1);
    const to = safeCut(text, f.end + context, 1);
    const last = ranges[ranges.length - 1];
    if (last && from <= last.to) {
      last.to = Math.max(last.to, to);
      last.items.push(f);
    } else ranges.push({ from, to, items: [f] });
  }
  return ranges.slice(0, maxWindows).map((r) => ({
    offset: r.from,
    text: text.slice(r.from, r.to),
    marks: r.items.map((f) => ({ start: f.start - r.from, end: f.end - r.from, kind: f.kind, category: f.category })),
  }));
}

/** Every string that holds a finding, with windows around its findings, in path order. */
export function findingContexts(output: unknown, findings: readonly StoredFinding[]): FindingContext[] {
  const byPath = new Map<string, StoredFinding[]>();
  for (const f of findings) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
  return [...byPath.entries()].map(([path, list]) => {
    const value = resolvePointer(output, path);
    if (typeof value !== "string" && typeof value !== "number") return { path, length: 0, windows: [], missing: true };
    const text = String(value);
    return { path, length: text.length, windows: contextWindows(text, list) };
  });
}

/** A readable preview of the whole output, cut at `limit` characters. */
export function outputPreview(output: unknown, limit = 20_000): { text: string; truncated: boolean } {
  const full = typeof output === "string" ? output : (JSON.stringify(output, null, 2) ?? "null");
  if (full.length <= limit) return { text: full, truncated: false };
  return { text: full.slice(0, safeCut(full, limit, -1)), truncated: true };
}
