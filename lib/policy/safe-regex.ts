// `match.arguments` `{regex: …}`: JavaScript RegExp syntax (no flags) for a safe subset, matched by
// RE2 (re2js), whose automata never backtrack, so time stays linear in the input. This file only
// checks the subset and rewrites the few constructs where RE2 and JavaScript differ (`.`, `\s`,
// `\S`, `\0`, `\uHHHH`, `[^]`, `[]`, a `]` or `[` inside a class) into RE2 spellings of JavaScript's
// meaning. Refused: backreferences, lookaround, named groups, `\b`, `\p{…}`, `\u{…}`, bare `{`,
// bounds above MAX_REPEAT. Matching is by code point where JavaScript counts UTF-16 code units:
// the two differ only for characters outside the BMP (`a.c` matches "a😀c" here, not in JS).
import { RE2JS } from "re2js";

export const MAX_PATTERN_LENGTH = 1000;
export const MAX_REPEAT = 100;

export type SafeRegexResult = { ok: true; test: (value: string) => boolean } | { ok: false; message: string };

class RegexSyntaxError extends Error {}

const hex = (code: number): string => `\\x{${code.toString(16)}}`;
const SPACE_RANGES =
  "\\t-\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}";
/** JavaScript's `\S`, spelled as ranges so it can also stand inside a class. */
const NOT_SPACE_RANGES =
  "\\x00-\\x08\\x0e-\\x1f\\x{21}-\\x{9f}\\x{a1}-\\x{167f}\\x{1681}-\\x{1fff}\\x{200b}-\\x{2027}" +
  "\\x{202a}-\\x{202e}\\x{2030}-\\x{205e}\\x{2060}-\\x{2fff}\\x{3001}-\\x{fefe}\\x{ff00}-\\x{10ffff}";
/** JavaScript's `.` without the s flag: anything but a line terminator. */
const DOT = "[^\\n\\r\\x{2028}\\x{2029}]";
const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };
const BOUNDS = /^\{(\d+)(,(\d*))?\}/;

/** Compile a pattern of the safe subset; refuses anything else with a message. */
export function compileSafeRegex(pattern: string): SafeRegexResult {
  try {
    if (pattern.length > MAX_PATTERN_LENGTH)
      throw new RegexSyntaxError(`pattern longer than ${MAX_PATTERN_LENGTH} characters`);
    const re2 = compileRe2(new Translator(pattern).translate());
    return { ok: true, test: (value) => re2.test(value) };
  } catch (error) {
    if (error instanceof RegexSyntaxError) return { ok: false, message: error.message };
    throw error;
  }
}

function compileRe2(source: string): RE2JS {
  try {
    return RE2JS.compile(source);
  } catch (error) {
    // The subset checks above leave RE2 only its size limit on nested repetition to refuse.
    const detail = error instanceof Error ? error.message.replace(/^error parsing regexp: /, "") : String(error);
    throw new RegexSyntaxError(`pattern too large (${detail})`);
  }
}

/** One left-to-right pass: checks the subset and writes the RE2 source with JavaScript's meaning. */
class Translator {
  private pos = 0;
  private depth = 0;
  private out = "";
  /** What the next quantifier would apply to: nothing, an assertion, an atom, or an atom already quantified. */
  private last: "none" | "assertion" | "atom" | "quantified" = "none";

  constructor(private readonly src: string) {}

  private fail(message: string): RegexSyntaxError {
    return new RegexSyntaxError(`${message} at position ${this.pos}`);
  }

  translate(): string {
    while (this.pos < this.src.length) this.token();
    if (this.depth > 0) throw this.fail("missing ')'");
    return this.out;
  }

  private atom(text: string): void {
    this.out += text;
    this.last = "atom";
  }

  private token(): void {
    const c = this.src[this.pos];
    if (c === "*" || c === "+" || c === "?") return this.quantifier(c);
    if (c === "{") {
      const m = BOUNDS.exec(this.src.slice(this.pos, this.pos + 24));
      if (!m) throw this.fail("a literal '{' must be escaped as '\\{'");
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
      if (this.last !== "atom") throw this.fail("nothing to repeat");
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT))
        throw this.fail(`repetition bound above ${MAX_REPEAT}`);
      if (max < min) throw this.fail("numbers out of order in {} quantifier");
      return this.quantifier(m[0]);
    }
    this.pos++;
    switch (c) {
      case "(":
        if (this.src[this.pos] === "?") {
          if (this.src[this.pos + 1] !== ":") throw this.fail("lookaround and named groups are not supported");
          this.pos += 2;
        }
        this.depth++;
        this.out += "(?:";
        this.last = "none";
        return;
      case ")":
        if (this.depth === 0) throw this.fail("unmatched ')'");
        this.depth--;
        return this.atom(")");
      case "|":
        this.out += "|";
        this.last = "none";
        return;
      case "^":
      case "$":
        this.out += c;
        this.last = "assertion";
        return;
      case ".":
        return this.atom(DOT);
      case "[":
        return this.atom(this.charClass());
      case "\\":
        return this.atom(this.escape(false));
      default:
        return this.atom(/[A-Za-z0-9 ]/.test(c) ? c : hex(this.codePointBefore()));
    }
  }

  /** The character just read, a surrogate pair read whole (RE2 matches code points). */
  private codePointBefore(): number {
    const code = this.src.codePointAt(this.pos - 1) as number;
    if (code > 0xffff) this.pos++;
    return code;
  }

  private quantifier(text: string): void {
    if (this.last !== "atom") throw this.fail("nothing to repeat");
    this.pos += text.length;
    this.out += text;
    if (this.src[this.pos] === "?") {
      this.pos++; // lazy: same language
      this.out += "?";
    }
    this.last = "quantified";
  }

  private charClass(): string {
    let negate = this.src[this.pos] === "^";
    if (negate) this.pos++;
    let body = "";
    while (this.src[this.pos] !== "]") {
      if (this.pos >= this.src.length) throw this.fail("missing ']'");
      const lo = this.classAtom();
      if (this.src[this.pos] === "-" && this.src[this.pos + 1] !== "]" && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classAtom();
        if (lo.code === undefined || hi.code === undefined) throw this.fail("a class escape cannot bound a range");
        if (lo.code > hi.code) throw this.fail("range out of order in character class");
        body += `${lo.text}-${hi.text}`;
      } else body += lo.text;
    }
    this.pos++;
    // JavaScript's `[]` matches nothing and `[^]` anything; RE2 has no empty class, so say it with ranges.
    if (body === "") {
      body = "\\x00-\\x{10ffff}";
      negate = !negate;
    }
    return `[${negate ? "^" : ""}${body}]`;
  }

  /** One class member: its RE2 text and, when it is a single character, its code. */
  private classAtom(): { text: string; code?: number } {
    if (this.src[this.pos] === "\\") {
      this.pos++;
      const text = this.escape(true);
      const code = /^\\x\{([0-9a-f]+)\}$/.exec(text);
      return code ? { text, code: parseInt(code[1], 16) } : { text };
    }
    this.pos++;
    const code = this.codePointBefore();
    return { text: hex(code), code };
  }

  /** After a backslash; inside a class a set is written as bare ranges. */
  private escape(inClass: boolean): string {
    if (this.pos >= this.src.length) throw this.fail("'\\' at end of pattern");
    const c = this.src[this.pos++];
    if (c === "d" || c === "D" || c === "w" || c === "W") return `\\${c}`; // ASCII in both engines
    if (c === "s" || c === "S") {
      const ranges = c === "s" ? SPACE_RANGES : NOT_SPACE_RANGES;
      return inClass ? ranges : `[${ranges}]`;
    }
    if (c in CONTROL_ESCAPES) return hex(CONTROL_ESCAPES[c]);
    if (c === "0" && !/[0-9]/.test(this.src[this.pos] ?? "")) return hex(0);
    if (c === "x" || c === "u") {
      const digits = c === "x" ? 2 : 4;
      const code = this.src.slice(this.pos, this.pos + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(code)) throw this.fail(`\\${c} needs ${digits} hex digits`);
      this.pos += digits;
      return hex(parseInt(code, 16));
    }
    if (c === "b" || c === "B")
      throw this.fail(inClass ? "\\b in a class is not supported" : "word boundaries are not supported");
    if (/[1-9]/.test(c)) throw this.fail("backreferences are not supported");
    if (/[A-Za-z0-9]/.test(c)) throw this.fail(`unsupported escape '\\${c}'`);
    return hex(c.charCodeAt(0));
  }
}
