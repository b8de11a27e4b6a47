/** Cheap statistics that tell random secrets from words, hashes, identifiers and documentation placeholders. */

/** Shannon entropy in bits per character. */
const asciiCounts = new Uint32Array(128);

export function shannonEntropy(s: string): number {
  if (s.length === 0) return 0;
  let wide: Map<number, number> | undefined;
  asciiCounts.fill(0);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) asciiCounts[c]++;
    else (wide ??= new Map()).set(c, (wide.get(c) ?? 0) + 1);
  }
  let h = 0;
  for (let c = 0; c < 128; c++) {
    const p = asciiCounts[c] / s.length;
    if (p > 0) h -= p * Math.log2(p);
  }
  if (wide) for (const n of wide.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

/** Number of character classes present among lower, upper, digit, other. */
export function charClasses(s: string): number {
  let lower = 0,
    upper = 0,
    digit = 0,
    other = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) lower = 1;
    else if (c >= 65 && c <= 90) upper = 1;
    else if (c >= 48 && c <= 57) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

const HEX_RE = /^[0-9a-f]+$/i;

/** Hex strings are digests and ids (git SHAs, MD5) far more often than base64-shaped secrets. */
export const isHex = (s: string): boolean => HEX_RE.test(s);

/** Words that documentation and templates put where a real secret would go. */
const PLACEHOLDER_WORD_RE =
  /example|sample|dummy|placeholder|your[_\-.]?(?:own[_\-.]?)?(?:api|key|token|secret|pass|access)|insert[_-]?|redacted|changeme|replace[_-]?me|fake|lorem|xxxx|\*\*\*|\.\.\.|<[^>]*>|\$\{|\{\{|%\(|\$[A-Z_]{3,}/i;
const PLACEHOLDER_WORD_G = new RegExp(PLACEHOLDER_WORD_RE.source, "gi");
const SEQUENCE_RE = /0123456|1234567|2345678|abcdefgh|ABCDEFGH|qwerty/i;

/**
 * A placeholder word marks a stand-in — unless it sits deep inside a long random token, where "Fake" or "xxxx" is
 * a coincidence of the alphabet (8+ letters or digits on both sides of it, in a string of 32 or more).
 */
function hasPlaceholderWord(s: string): boolean {
  if (!PLACEHOLDER_WORD_RE.test(s)) return false;
  if (s.length < 32) return true;
  for (const m of s.matchAll(PLACEHOLDER_WORD_G)) {
    const before = s.slice(Math.max(0, m.index - 8), m.index);
    const after = s.slice(m.index + m[0].length, m.index + m[0].length + 8);
    if (!(/^[A-Za-z0-9]{8}$/.test(before) && /^[A-Za-z0-9]{8}$/.test(after))) return true;
  }
  return false;
}

/** Characters that documentation repeats where a secret would go: `xxxxxx`, `******`, `000000`, `------`. */
const FILLER = new Set(["x", "X", "*", "#", ".", "-", "_", "0", "•", "?"]);

/**
 * True when a candidate secret is obviously a stand-in: template markers, example words, sequences, filler
 * runs, or a string that is mostly one repeated character. A run of a non-filler character alone is not
 * enough: real keys contain them (OpenSSH keys encode zero bytes as `AAAAAAAA`, Twitter bearer tokens
 * start with 21 `A`s), so such a run makes a fake only when what remains around it is short or plain.
 */
export function isPlaceholder(s: string): boolean {
  if (hasPlaceholderWord(s) || SEQUENCE_RE.test(s)) return true;
  let run = 1;
  let longest = 1;
  let filler = false;
  let residue = "";
  let runStart = 0;
  for (let i = 1; i <= s.length; i++) {
    if (i < s.length && s.charCodeAt(i) === s.charCodeAt(i - 1)) {
      run++;
      continue;
    }
    if (run >= 6 && FILLER.has(s[i - 1])) filler = true;
    if (run < 4) residue += s.slice(runStart, i);
    longest = Math.max(longest, run);
    run = 1;
    runStart = i;
  }
  if (filler) return true;
  if (longest >= 6 && (residue.length < 12 || longest * 2 >= s.length || shannonEntropy(residue) < 3)) return true;
  return s.length >= 12 && shannonEntropy(s) < 2;
}

/** Values that name a type, a state or an indirection rather than holding a secret. */
const NON_VALUE_RE =
  /^(?:null|none|nil|undefined|true|false|yes|no|on|off|required|optional|string|str|bool|boolean|int|number|object|hidden|masked|secret|password|passwd|pass|pw|pwd|token|empty|n\/a|na|tbd|todo|unset|not[\s_-]?set|\*+|•+|-+|x+)$/i;
const INDIRECTION_RE =
  /^(?:process\.env|os\.environ|os\.getenv|env\(|getenv|secrets\.|vault:|ssm:|arn:aws:|\$|%|@Value|\{\{|!Ref|!Sub)/i;

export function isNonValue(s: string): boolean {
  return NON_VALUE_RE.test(s) || INDIRECTION_RE.test(s);
}

/** Share of printable characters (ASCII printable, whitespace, or any non-control code point). */
export function printableRatio(s: string): number {
  if (s.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 32 && c < 127) || c === 9 || c === 10 || c === 13 || (c >= 160 && c !== 0xfffd)) ok++;
  }
  return ok / s.length;
}
