// Parser for the safe regex subset used by `match.arguments` `{regex: …}`.
// Accepted: literals, `.`, classes `[a-z]`/`[^…]`, \d \w \s (and negations), \t \n \r \f \v \0,
// \xHH, \uHHHH, escaped punctuation, groups `(…)`/`(?:…)`, `|`, `* + ? {n} {n,} {n,m}`
// (lazy `?` suffix accepted: it cannot change whether a string matches), and `^` `$`.
// Refused: backreferences, lookaround, named groups, word boundaries, \p{…}, unicode
// braces, bare `{`, bounds above MAX_REPEAT. Semantics follow a JavaScript RegExp
// without flags (UTF-16 code units, `.` excludes line terminators, unanchored search).

export type CharRanges = readonly number[]; // flat, sorted, disjoint [lo0, hi0, lo1, hi1, …]

export type RegexNode =
  | { kind: "chars"; ranges: CharRanges }
  | { kind: "seq"; items: RegexNode[] }
  | { kind: "alt"; options: RegexNode[] }
  | { kind: "repeat"; node: RegexNode; min: number; max: number }
  | { kind: "bol" }
  | { kind: "eol" };

export const MAX_PATTERN_LENGTH = 1000;
export const MAX_REPEAT = 100;

export class RegexSyntaxError extends Error {}

const MAX_CODE_UNIT = 0xffff;
const DIGIT: CharRanges = [0x30, 0x39];
const WORD: CharRanges = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE: CharRanges = normalize([
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f,
  0x3000, 0x3000, 0xfeff, 0xfeff,
]);
const LINE_TERMINATORS: CharRanges = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];
const DOT = complement(LINE_TERMINATORS);
const CONTROL_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13 };
const CLASS_ESCAPES: Record<string, CharRanges> = {
  d: DIGIT,
  D: complement(DIGIT),
  w: WORD,
  W: complement(WORD),
  s: SPACE,
  S: complement(SPACE),
};

export function normalize(ranges: readonly number[]): CharRanges {
  const pairs: [number, number][] = [];
  for (let i = 0; i < ranges.length; i += 2) pairs.push([ranges[i], ranges[i + 1]]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of pairs) {
    if (out.length > 0 && lo <= out[out.length - 1] + 1) out[out.length - 1] = Math.max(out[out.length - 1], hi);
    else out.push(lo, hi);
  }
  return out;
}

export function complement(ranges: CharRanges): CharRanges {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i] > next) out.push(next, ranges[i] - 1);
    next = ranges[i + 1] + 1;
  }
  if (next <= MAX_CODE_UNIT) out.push(next, MAX_CODE_UNIT);
  return out;
}

export function parseRegex(source: string): RegexNode {
  if (source.length > MAX_PATTERN_LENGTH)
    throw new RegexSyntaxError(`pattern longer than ${MAX_PATTERN_LENGTH} characters`);
  return new Parser(source).parse();
}

class Parser {
  private pos = 0;
  constructor(private readonly src: string) {}

  parse(): RegexNode {
    const node = this.alternation();
    if (this.pos < this.src.length) throw this.fail("unmatched ')'");
    return node;
  }

  private fail(message: string): RegexSyntaxError {
    return new RegexSyntaxError(`${message} at position ${this.pos}`);
  }

  private alternation(): RegexNode {
    const options = [this.sequence()];
    while (this.src[this.pos] === "|") {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { kind: "alt", options };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.pos < this.src.length && this.src[this.pos] !== "|" && this.src[this.pos] !== ")") {
      const atom = this.atom();
      const quantified = this.quantifier(atom);
      if (quantified !== atom && this.quantifierAhead()) throw this.fail("nothing to repeat");
      items.push(quantified);
    }
    return items.length === 1 ? items[0] : { kind: "seq", items };
  }

  private quantifierAhead(): boolean {
    const c = this.src[this.pos];
    return c === "*" || c === "+" || c === "?" || (c === "{" && this.bounds(true) !== null);
  }

  private quantifier(atom: RegexNode): RegexNode {
    const c = this.src[this.pos];
    let min: number, max: number;
    if (c === "*") [min, max] = [0, Infinity];
    else if (c === "+") [min, max] = [1, Infinity];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const bounds = this.bounds(false);
      if (bounds === null) throw this.fail("a literal '{' must be escaped as '\\{'");
      [min, max] = bounds;
    } else return atom;
    if (c !== "{") this.pos++;
    if (this.src[this.pos] === "?") this.pos++; // lazy: same language
    if (atom.kind === "bol" || atom.kind === "eol") throw this.fail("nothing to repeat");
    return { kind: "repeat", node: atom, min, max };
  }

  /** Reads `{n}`, `{n,}` or `{n,m}` at pos; with `peek` the position is left unchanged. */
  private bounds(peek: boolean): [number, number] | null {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos, this.pos + 24));
    if (!m) return null;
    if (peek) return [0, 0];
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT))
      throw this.fail(`repetition bound above ${MAX_REPEAT}`);
    if (max < min) throw this.fail("numbers out of order in {} quantifier");
    this.pos += m[0].length;
    return [min, max];
  }

  private atom(): RegexNode {
    const c = this.src[this.pos];
    switch (c) {
      case "(":
        return this.group();
      case "[":
        return this.charClass();
      case ".":
        this.pos++;
        return { kind: "chars", ranges: DOT };
      case "^":
        this.pos++;
        return { kind: "bol" };
      case "$":
        this.pos++;
        return { kind: "eol" };
      case "\\":
        return { kind: "chars", ranges: this.escape(false) };
      case "*":
      case "+":
      case "?":
        throw this.fail("nothing to repeat");
      case "{":
        throw this.fail(this.bounds(true) ? "nothing to repeat" : "a literal '{' must be escaped as '\\{'");
      default: {
        const code = this.src.charCodeAt(this.pos++);
        return { kind: "chars", ranges: [code, code] };
      }
    }
  }

  private group(): RegexNode {
    this.pos++;
    if (this.src[this.pos] === "?") {
      if (this.src[this.pos + 1] !== ":") throw this.fail("lookaround and named groups are not supported");
      this.pos += 2;
    }
    const inner = this.alternation();
    if (this.src[this.pos] !== ")") throw this.fail("missing ')'");
    this.pos++;
    return inner;
  }

  private charClass(): RegexNode {
    this.pos++;
    const negate = this.src[this.pos] === "^";
    if (negate) this.pos++;
    const ranges: number[] = [];
    while (this.src[this.pos] !== "]") {
      if (this.pos >= this.src.length) throw this.fail("missing ']'");
      const lo = this.classAtom();
      if (this.src[this.pos] === "-" && this.src[this.pos + 1] !== "]" && this.pos + 1 < this.src.length) {
        this.pos++;
        const hi = this.classAtom();
        if (lo.length !== 2 || hi.length !== 2 || lo[0] !== lo[1] || hi[0] !== hi[1])
          throw this.fail("a class escape cannot bound a range");
        if (lo[0] > hi[0]) throw this.fail("range out of order in character class");
        ranges.push(lo[0], hi[0]);
      } else ranges.push(...lo);
    }
    this.pos++;
    const set = normalize(ranges);
    return { kind: "chars", ranges: negate ? complement(set) : set };
  }

  private classAtom(): CharRanges {
    if (this.src[this.pos] === "\\") return this.escape(true);
    const code = this.src.charCodeAt(this.pos++);
    return [code, code];
  }

  private escape(inClass: boolean): CharRanges {
    this.pos++;
    if (this.pos >= this.src.length) throw this.fail("'\\' at end of pattern");
    const c = this.src[this.pos++];
    if (c in CLASS_ESCAPES) return CLASS_ESCAPES[c];
    if (c in CONTROL_ESCAPES) return [CONTROL_ESCAPES[c], CONTROL_ESCAPES[c]];
    if (c === "0" && !/[0-9]/.test(this.src[this.pos] ?? "")) return [0, 0];
    if (c === "x" || c === "u") {
      const digits = c === "x" ? 2 : 4;
      const hex = this.src.slice(this.pos, this.pos + digits);
      if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) throw this.fail(`\\${c} needs ${digits} hex digits`);
      this.pos += digits;
      const code = parseInt(hex, 16);
      return [code, code];
    }
    if (c === "b" || c === "B")
      throw this.fail(inClass ? "\\b in a class is not supported" : "word boundaries are not supported");
    if (/[1-9]/.test(c)) throw this.fail("backreferences are not supported");
    if (/[A-Za-z0-9]/.test(c)) throw this.fail(`unsupported escape '\\${c}'`);
    const code = c.charCodeAt(0);
    return [code, code];
  }
}
