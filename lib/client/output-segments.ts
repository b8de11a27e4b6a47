/** Splitting text at finding boundaries, and making invisible characters visible. Pure. */

export interface Segment {
  text: string;
  /** Kinds of the findings covering this segment (empty: plain text). */
  kinds: string[];
  categories: string[];
}

/** Cuts `text` at every mark boundary; overlapping marks share the segments they both cover. */
export function segmentsOf(
  text: string,
  marks: readonly { start: number; end: number; kind: string; category: string }[],
): Segment[] {
  const valid = marks
    .filter((m) => m.end > m.start)
    .map((m) => ({ ...m, start: Math.max(0, m.start), end: Math.min(text.length, m.end) }));
  const cuts = [...new Set([0, text.length, ...valid.flatMap((m) => [m.start, m.end])])]
    .filter((c) => c >= 0 && c <= text.length)
    .sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    if (from === to) continue;
    const covering = valid.filter((m) => m.start <= from && m.end >= to);
    const seg = {
      text: text.slice(from, to),
      kinds: [...new Set(covering.map((m) => m.kind))],
      categories: [...new Set(covering.map((m) => m.category))],
    };
    const last = out[out.length - 1];
    if (last && last.kinds.join() === seg.kinds.join()) last.text += seg.text;
    else out.push(seg);
  }
  return out;
}

// Zero-width and formatting characters, bidi controls, and Unicode tag characters (U+E0000–E007F).
const INVISIBLE =
  /(?:[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F])+/g;

export type Piece = { text: string } | { hidden: string; label: string };

/** Plain runs stay text; a run of invisible characters becomes a labelled piece (tag characters decoded to the ASCII they hide). */
export function revealInvisible(text: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const m of text.matchAll(INVISIBLE)) {
    if (m.index > last) pieces.push({ text: text.slice(last, m.index) });
    pieces.push({ hidden: m[0], label: labelOf(m[0]) });
    last = m.index + m[0].length;
  }
  if (last < text.length) pieces.push({ text: text.slice(last) });
  return pieces;
}

function labelOf(run: string): string {
  const cps = [...run].map((c) => c.codePointAt(0)!);
  if (cps.every((c) => c >= 0xe0000 && c <= 0xe007f)) {
    const decoded = cps.map((c) => (c >= 0xe0020 && c <= 0xe007e ? String.fromCharCode(c - 0xe0000) : "")).join("");
    return `hidden tag text: “${decoded.length > 80 ? `${decoded.slice(0, 80)}…` : decoded}”`;
  }
  const names = cps.slice(0, 4).map((c) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`);
  return `${cps.length} invisible: ${names.join(" ")}${cps.length > 4 ? " …" : ""}`;
}
