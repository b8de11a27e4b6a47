/**
 * Decoded layers: the same text with HTML entities, JSON/JS escapes and percent-escapes decoded,
 * invisible characters removed and Unicode tag characters read as the ASCII they smuggle. Steering
 * detectors run again over it when decoding changed something that matters; findings map back to
 * offsets in the original string. One linear pass; no layer is decoded twice.
 */
import type { ScanContext } from "./types";

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'", nbsp: " ", colon: ":" };
const HEX = /^[0-9a-fA-F]+$/;
const ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", '"': '"', "'": "'", "\\": "\\", "/": "/" };

/** Escapes worth decoding (for the batch prefilter: a leaf with one of these gets a full scan). */
export const DECODE_HINT_RE = /&#|&[a-zA-Z]{2,6};|\\[ux"]|%[0-9A-Fa-f]{2}/g;

/** Cheap gate: an escape that can hide text, or an invisible character. */
export const DECODABLE_RE = /&#|&[a-zA-Z]{2,6};|\\[ux"]|%[0-9A-Fa-f]{2}|[\u00AD\u180E\u200B-\u200D\u2060\uFEFF\uDB40]/;

export interface DecodedText {
  text: string;
  /** Source offset of each decoded UTF-16 unit, plus the source length at the end. */
  offsets: number[];
}

const isLetter = (s: string): boolean => /[\p{L}\p{N}<>:/]/u.test(s);

/** The decoder's output so far and the signals that say whether decoding revealed anything. */
interface DecodeState {
  out: string;
  offsets: number[];
  meaningful: boolean;
  /** Escaped spaces between letters ("ignore%20all%20previous%20…"). */
  spaces: number;
  /** Escaped quotes (`\"role\"`, `&quot;`). */
  quotes: number;
}

function push(st: DecodeState, s: string, at: number): void {
  st.out += s;
  for (let k = 0; k < s.length; k++) st.offsets.push(at);
}

/** A decoded letter, digit or markup character is what makes a layer worth scanning. */
function pushDecoded(st: DecodeState, ch: string, at: number): void {
  if (isLetter(ch)) st.meaningful = true;
  push(st, ch, at);
}

/** `&name;`, `&#n;` or `&#xh;` at `i`: the index after it, or -1 when it is no entity. */
function decodeEntity(src: string, i: number, st: DecodeState): number {
  const semi = src.indexOf(";", i + 1);
  if (semi === -1 || semi - i > 10) return -1;
  const body = src.slice(i + 1, semi);
  let ch: string | undefined;
  if (body[0] === "#") {
    const hex = body[1] === "x" || body[1] === "X";
    const digits = body.slice(hex ? 2 : 1);
    if (digits && (hex ? HEX.test(digits) : /^\d+$/.test(digits))) {
      const n = Number.parseInt(digits, hex ? 16 : 10);
      if (n > 0 && n <= 0x10ffff) ch = String.fromCodePoint(n);
    }
  } else ch = NAMED[body.toLowerCase()];
  if (ch === undefined) return -1;
  if (ch === '"') st.quotes++;
  pushDecoded(st, ch, i);
  return semi + 1;
}

/** `\uXXXX`, `\xXX` or a one-letter escape at `i`: the index after it, or -1. */
function decodeBackslash(src: string, i: number, st: DecodeState): number {
  if (i + 1 >= src.length) return -1;
  const n = src[i + 1];
  const width = n === "u" ? 4 : n === "x" ? 2 : 0;
  if (width > 0 && HEX.test(src.slice(i + 2, i + 2 + width)) && i + 2 + width <= src.length) {
    pushDecoded(st, String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 2 + width), 16)), i);
    return i + 2 + width;
  }
  const e = ESCAPES[n];
  if (e === undefined) return -1;
  if (n === '"' || n === "'") st.quotes++;
  push(st, e, i);
  return i + 2;
}

/** A printable `%XX` at `i`: the index after it, or -1. */
function decodePercent(src: string, i: number, st: DecodeState): number {
  if (!(HEX.test(src.slice(i + 1, i + 3)) && i + 3 <= src.length)) return -1;
  const v = Number.parseInt(src.slice(i + 1, i + 3), 16);
  if (v < 0x20 || v >= 0x7f) return -1;
  const ch = String.fromCharCode(v);
  if (ch === " " && /[A-Za-z]/.test(src[i - 1] ?? "") && /[A-Za-z]/.test(src[i + 3] ?? "")) {
    st.spaces++;
  }
  pushDecoded(st, ch, i);
  return i + 3;
}

/** Tag characters U+E0020–E007E spell ASCII the reader never sees; other tag characters are dropped. */
function decodeTag(src: string, i: number, st: DecodeState): number {
  if (i + 1 >= src.length) return -1;
  const low = src.charCodeAt(i + 1);
  if (low >= 0xdc20 && low <= 0xdc7e) {
    // A smuggled run is its own text: start it on a new line, not glued to the visible word before it.
    if (src.charCodeAt(i - 2) !== 0xdb40) push(st, "\n", i);
    push(st, String.fromCharCode(low - 0xdc00), i);
    st.meaningful = true;
    return i + 2;
  }
  return low >= 0xdc00 && low <= 0xdc7f ? i + 2 : -1;
}

const isInvisible = (code: number): boolean =>
  code === 0xad || code === 0x180e || (code >= 0x200b && code <= 0x200d) || code === 0x2060 || code === 0xfeff;

/** Decode whatever escape or hidden character starts at `i`: the index after it, or -1 to copy `src[i]` as is. */
function decodeAt(src: string, i: number, st: DecodeState): number {
  const c = src[i];
  if (c === "&") return decodeEntity(src, i, st);
  if (c === "\\") return decodeBackslash(src, i, st);
  if (c === "%") return decodePercent(src, i, st);
  const code = src.charCodeAt(i);
  if (code === 0xdb40) return decodeTag(src, i, st);
  if (!isInvisible(code)) return -1;
  st.meaningful = true;
  return i + 1;
}

/** The decoded text, or null when decoding produced nothing new (only `&amp;` or `\n`, say). */
export function decodeLayers(src: string): DecodedText | null {
  // Escaped quotes and spaces are everyday in JSON logs and URLs: they count only in numbers
  // ("ignore%20all%20previous%20…") or next to markup and chat messages (`<img src=\"…`, `\"role\"`).
  const st: DecodeState = { out: "", offsets: [], meaningful: false, spaces: 0, quotes: 0 };
  for (let i = 0; i < src.length; ) {
    const next = decodeAt(src, i, st);
    if (next !== -1) {
      i = next;
      continue;
    }
    const c = src[i];
    if (c === " " || c === "\n" || c === "&") st.spaces = 0; // words joined by %20 must be one run
    st.out += c;
    st.offsets.push(i);
    i++;
  }
  if (st.spaces >= 3 || (st.quotes > 0 && /<|role/i.test(src))) st.meaningful = true;
  if (!st.meaningful) return null;
  st.offsets.push(src.length);
  return { text: st.out, offsets: st.offsets };
}

/** Escapes that can produce letters or markup, hidden characters, or %20-joined words: worth a decoded copy. */
const WORTH_RE =
  /&#[xX]?[0-9a-fA-F]{1,6};|&(?:lt|gt|quot|apos|colon);|\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}|%(?:[4-6][0-9A-Fa-f]|7[0-9Aa]|3[Aa]|3[Cc]|3[Ee])|[A-Za-z]%20[A-Za-z]+%20[A-Za-z]+%20[A-Za-z]|[\u00AD\u180E\u200B-\u200D\u2060\uFEFF\uDB40]/i;
const worthDecoding = (text: string): boolean =>
  WORTH_RE.test(text) || ((text.includes('\\"') || text.includes("&quot;")) && /<|role/i.test(text));

/** Re-run steering detectors over the decoded layer; `run` scans a context with the steering index. */
export function rescanDecoded(scan: ScanContext, run: (sub: ScanContext) => void): void {
  if (!DECODABLE_RE.test(scan.text) || !worthDecoding(scan.text)) return;
  const decoded = decodeLayers(scan.text);
  if (!decoded) return;
  const sub: ScanContext = { ...scan, text: decoded.text, findings: [], windows: undefined, key: undefined };
  run(sub);
  const { offsets } = decoded;
  for (const f of sub.findings) {
    if (f.category !== "steering") continue;
    const start = offsets[f.start];
    const end = Math.max(start + 1, offsets[f.end - 1] + 1);
    scan.findings.push({ ...f, start, end });
  }
}
