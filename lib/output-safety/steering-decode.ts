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

/** The decoded text, or null when decoding produced nothing new (only `&amp;` or `\n`, say). */
export function decodeLayers(src: string): DecodedText | null {
  let out = "";
  const offsets: number[] = [];
  let meaningful = false;
  // Escaped quotes and spaces are everyday in JSON logs and URLs: they count only in numbers
  // ("ignore%20all%20previous%20…") or next to markup and chat messages (`<img src=\"…`, `\"role\"`).
  let spaces = 0;
  let quotes = 0;
  const push = (s: string, at: number): void => {
    out += s;
    for (let k = 0; k < s.length; k++) offsets.push(at);
  };
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    const code = src.charCodeAt(i);
    if (c === "&") {
      const semi = src.indexOf(";", i + 1);
      if (semi !== -1 && semi - i <= 10) {
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
        if (ch !== undefined) {
          if (isLetter(ch)) meaningful = true;
          else if (ch === '"') quotes++;
          push(ch, i);
          i = semi + 1;
          continue;
        }
      }
    } else if (c === "\\" && i + 1 < src.length) {
      const n = src[i + 1];
      if (n === "u" && HEX.test(src.slice(i + 2, i + 6)) && i + 6 <= src.length) {
        const ch = String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 6), 16));
        if (isLetter(ch)) meaningful = true;
        push(ch, i);
        i += 6;
        continue;
      }
      if (n === "x" && HEX.test(src.slice(i + 2, i + 4)) && i + 4 <= src.length) {
        const ch = String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 4), 16));
        if (isLetter(ch)) meaningful = true;
        push(ch, i);
        i += 4;
        continue;
      }
      const e = ESCAPES[n];
      if (e !== undefined) {
        if (n === '"' || n === "'") quotes++;
        push(e, i);
        i += 2;
        continue;
      }
    } else if (c === "%" && HEX.test(src.slice(i + 1, i + 3)) && i + 3 <= src.length) {
      const v = Number.parseInt(src.slice(i + 1, i + 3), 16);
      if (v >= 0x20 && v < 0x7f) {
        const ch = String.fromCharCode(v);
        if (isLetter(ch)) meaningful = true;
        else if (ch === " " && /[A-Za-z]/.test(src[i - 1] ?? "") && /[A-Za-z]/.test(src[i + 3] ?? "")) spaces++;
        push(ch, i);
        i += 3;
        continue;
      }
    } else if (code === 0xdb40 && i + 1 < src.length) {
      // Tag characters U+E0020–E007E spell ASCII the reader never sees.
      const low = src.charCodeAt(i + 1);
      if (low >= 0xdc20 && low <= 0xdc7e) {
        // A smuggled run is its own text: start it on a new line, not glued to the visible word before it.
        if (src.charCodeAt(i - 2) !== 0xdb40) push("\n", i);
        push(String.fromCharCode(low - 0xdc00), i);
        meaningful = true;
        i += 2;
        continue;
      }
      if (low >= 0xdc00 && low <= 0xdc7f) {
        i += 2;
        continue;
      }
    } else if (
      code === 0xad ||
      code === 0x180e ||
      (code >= 0x200b && code <= 0x200d) ||
      code === 0x2060 ||
      code === 0xfeff
    ) {
      meaningful = true;
      i++;
      continue;
    }
    if (c === " " || c === "\n" || c === "&") spaces = 0; // words joined by %20 must be one run
    out += c;
    offsets.push(i);
    i++;
  }
  if (spaces >= 3 || (quotes > 0 && /<|role/i.test(src))) meaningful = true;
  if (!meaningful) return null;
  offsets.push(src.length);
  return { text: out, offsets };
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
