/** Steering the reader cannot see: invisible Unicode, and instructions hidden in base64. */
import { emit } from "./context";
import { base64LooksLikeText, decodeBase64Text } from "./encoding";
import { printableRatio } from "./entropy";
import type { ScanContext } from "./types";

/** Any character the hidden-Unicode and invisible-character passes care about (a cheap gate for both). */
export const INVISIBLE_OR_CONTROL_RE = /[\u00AD\u180E\u200B-\u200D\u2060\uFEFF\u202A-\u202E\u2066-\u2069\uDB40]/g;
const HIDDEN_RE = /[\u200B-\u200D\u2060\u180E\uFEFF]{3,}|[\u202A-\u202E\u2066-\u2069]+|(?:\uDB40[\uDC00-\uDC7F])+/g;
const BLACK_FLAG = "\uD83C\uDFF4";
/** Emoji subdivision flags (🏴 + lower-case tag letters + cancel tag) are the one legitimate use of tag characters. */
const FLAG_TAGS_RE = /^(?:\uDB40[\uDC30-\uDC39\uDC61-\uDC7A]){2,7}\uDB40\uDC7F$/;

export function scanHiddenUnicode(scan: ScanContext): void {
  const { text } = scan;
  HIDDEN_RE.lastIndex = 0;
  for (let m = HIDDEN_RE.exec(text); m; m = HIDDEN_RE.exec(text)) {
    const run = m[0];
    const start = m.index;
    const code = run.charCodeAt(0);
    if (code === 0xdb40) {
      if (text.startsWith(BLACK_FLAG, start - 2) && FLAG_TAGS_RE.test(run)) continue;
      emit(scan, "hidden_unicode_tags", "steering", start, start + run.length, 0.95);
    } else if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
      emit(scan, "bidi_override", "steering", start, start + run.length, 0.85);
    } else {
      emit(scan, "zero_width_run", "steering", start, start + run.length, 0.85);
    }
  }
}

export const B64_RUN_RE = /(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{24,}={0,2}/g;
const MAX_DECODE = 4096;

/** Decode base64 runs that look like text and re-check them for steering; `recheck` returns the best confidence. */
export function scanBase64(scan: ScanContext, recheck: (decoded: string) => number): void {
  const { text } = scan;
  B64_RUN_RE.lastIndex = 0;
  for (let m = B64_RUN_RE.exec(text); m; m = B64_RUN_RE.exec(text)) {
    if (scan.budget.base64Bytes <= 0) return;
    const run = m[0];
    if (
      text.startsWith("base64,", m.index - 7) ||
      !/[a-z]/.test(run) ||
      !/[A-Z]/.test(run) ||
      !base64LooksLikeText(run)
    )
      continue;
    const chunk = run.length > MAX_DECODE ? run.slice(0, MAX_DECODE) : run;
    scan.budget.base64Bytes -= chunk.length;
    const decoded = decodeBase64Text(chunk);
    if (!decoded || decoded.length < 12 || printableRatio(decoded) < 0.9 || !/[\s\u3000-\u9fff]/.test(decoded))
      continue;
    const conf = recheck(decoded);
    if (conf >= 0.6)
      emit(scan, "encoded_instructions", "steering", m.index, m.index + run.length, Math.max(conf, 0.85));
  }
}

export const HIDDEN_KINDS: ReadonlyArray<[string, string]> = [
  ["hidden_unicode_tags", "Unicode tag characters U+E0000–E007F (ASCII smuggling; emoji subdivision flags excepted)"],
  ["zero_width_run", "Three or more zero-width characters in a row"],
  ["bidi_override", "Bidirectional embedding/override/isolate controls U+202A–202E, U+2066–2069"],
  ["encoded_instructions", "Base64 run (≥ 24 chars) that decodes to text containing steering"],
];
