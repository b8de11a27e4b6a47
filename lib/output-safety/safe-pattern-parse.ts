/** A small parser for JavaScript regex sources (non-unicode mode), enough to reason about backtracking. */

/** Characters a node can start with: an ASCII bitmap plus "some non-ASCII character". */
export interface CharSet {
  ascii: Uint32Array;
  other: boolean;
}

export type RegexNode =
  | { t: "set"; set: CharSet }
  | { t: "assert" }
  | { t: "seq"; items: RegexNode[] }
  | { t: "alt"; alts: RegexNode[] }
  | { t: "group"; body: RegexNode }
  | { t: "quant"; body: RegexNode; min: number; max: number };

export function charSetOf(codes: number[], other = false): CharSet {
  const ascii = new Uint32Array(4);
  for (const c of codes) {
    if (c < 128) ascii[c >> 5] |= 1 << (c & 31);
    else other = true;
  }
  return { ascii, other };
}

const range = (a: number, b: number): number[] => Array.from({ length: Math.max(0, b - a + 1) }, (_, i) => a + i);

export function union(a: CharSet, b: CharSet): CharSet {
  const ascii = new Uint32Array(4);
  for (let i = 0; i < 4; i++) ascii[i] = a.ascii[i] | b.ascii[i];
  return { ascii, other: a.other || b.other };
}

export function intersects(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < 4; i++) if ((a.ascii[i] & b.ascii[i]) !== 0) return true;
  return a.other && b.other;
}

function complement(s: CharSet): CharSet {
  const ascii = new Uint32Array(4);
  for (let i = 0; i < 4; i++) ascii[i] = ~s.ascii[i];
  return { ascii, other: true };
}

const DIGIT = charSetOf(range(48, 57));
const WORD = charSetOf([...range(48, 57), ...range(65, 90), ...range(97, 122), 95]);
const SPACE = charSetOf([...range(9, 13), 32], true);
const DOT = complement(charSetOf([10, 13]));

function classEscape(c: string): CharSet | null {
  switch (c) {
    case "d":
      return DIGIT;
    case "D":
      return complement(DIGIT);
    case "w":
      return WORD;
    case "W":
      return complement(WORD);
    case "s":
      return SPACE;
    case "S":
      return complement(SPACE);
  }
  return null;
}

const SIMPLE_ESCAPES: Record<string, number> = { t: 9, n: 10, v: 11, f: 12, r: 13, "0": 0 };

export interface ParsedRegex {
  root: RegexNode;
  backreference: boolean;
  lookaround: boolean;
}

/** Parses a source that `new RegExp` has already accepted. */
export function parseRegex(src: string): ParsedRegex {
  let i = 0;
  const out = { backreference: false, lookaround: false };
  const peek = (): string => src[i];

  /** A character escape after "\" (shared by atoms and classes); returns its code. */
  function escapeCode(): number {
    const c = src[i++];
    if (c in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[c];
    if (c === "x" && /^[0-9a-fA-F]{2}/.test(src.slice(i))) return parseInt(src.slice(i, (i += 2)), 16);
    if (c === "u" && /^[0-9a-fA-F]{4}/.test(src.slice(i))) return parseInt(src.slice(i, (i += 4)), 16);
    if (c === "c" && /[A-Za-z]/.test(src[i] ?? "")) return src.charCodeAt(i++) % 32;
    return c.charCodeAt(0);
  }

  function parseClass(): CharSet {
    const negated = peek() === "^";
    if (negated) i++;
    let set = charSetOf([]);
    while (i < src.length && src[i] !== "]") {
      let lo: number;
      if (src[i] === "\\") {
        i++;
        const cls = classEscape(src[i]);
        if (cls) {
          i++;
          set = union(set, cls);
          continue;
        }
        lo = src[i] === "b" ? (i++, 8) : escapeCode();
      } else lo = src.charCodeAt(i++);
      if (src[i] === "-" && src[i + 1] !== "]" && i + 1 < src.length) {
        i++;
        const hi = src[i] === "\\" ? (i++, escapeCode()) : src.charCodeAt(i++);
        set = union(set, charSetOf(range(lo, Math.min(hi, 127)), hi > 127));
      } else set = union(set, charSetOf([lo]));
    }
    i++; // "]"
    return negated ? complement(set) : set;
  }

  function parseAtom(): RegexNode {
    const c = src[i++];
    if (c === "(") {
      let look = false;
      if (src.startsWith("?:", i)) i += 2;
      else if (src.startsWith("?=", i) || src.startsWith("?!", i)) (i += 2), (look = true);
      else if (src.startsWith("?<=", i) || src.startsWith("?<!", i)) (i += 3), (look = true);
      else if (src.startsWith("?<", i)) i = src.indexOf(">", i) + 1;
      const body = parseAlt();
      i++; // ")"
      if (look) {
        out.lookaround = true;
        return { t: "assert" };
      }
      return { t: "group", body };
    }
    if (c === "[") return { t: "set", set: parseClass() };
    if (c === ".") return { t: "set", set: DOT };
    if (c === "^" || c === "$") return { t: "assert" };
    if (c === "\\") {
      const e = src[i];
      if (e === "b" || e === "B") return (i++, { t: "assert" });
      if (/[1-9]/.test(e) || (e === "k" && src[i + 1] === "<")) {
        out.backreference = true;
        i += e === "k" ? src.indexOf(">", i) - i + 1 : 1;
        return { t: "assert" };
      }
      const cls = classEscape(e);
      if (cls) return (i++, { t: "set", set: cls });
      return { t: "set", set: charSetOf([escapeCode()]) };
    }
    return { t: "set", set: charSetOf([c.charCodeAt(0)]) };
  }

  function parseQuantifier(atom: RegexNode): RegexNode {
    for (;;) {
      let min: number, max: number;
      const c = peek();
      if (c === "*") (min = 0), (max = Infinity), i++;
      else if (c === "+") (min = 1), (max = Infinity), i++;
      else if (c === "?") (min = 0), (max = 1), i++;
      else {
        const m = c === "{" ? /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i)) : null;
        if (!m) return atom;
        min = +m[1];
        max = m[2] === undefined ? min : m[3] === "" ? Infinity : +m[3];
        i += m[0].length;
      }
      if (peek() === "?") i++;
      atom = { t: "quant", body: atom, min, max };
    }
  }

  function parseSeq(): RegexNode {
    const items: RegexNode[] = [];
    while (i < src.length && peek() !== "|" && peek() !== ")") items.push(parseQuantifier(parseAtom()));
    return items.length === 1 ? items[0] : { t: "seq", items };
  }

  function parseAlt(): RegexNode {
    const alts = [parseSeq()];
    while (peek() === "|") {
      i++;
      alts.push(parseSeq());
    }
    return alts.length === 1 ? alts[0] : { t: "alt", alts };
  }

  return { root: parseAlt(), ...out };
}

/** Case-insensitive matching: every letter in a set also stands for its other case. */
export function foldCase(n: RegexNode): RegexNode {
  switch (n.t) {
    case "set": {
      const extra: number[] = [];
      for (let c = 65; c <= 90; c++) {
        const upper = (n.set.ascii[c >> 5] >> (c & 31)) & 1;
        const lower = (n.set.ascii[(c + 32) >> 5] >> ((c + 32) & 31)) & 1;
        if (upper || lower) extra.push(c, c + 32);
      }
      return { t: "set", set: union(n.set, charSetOf(extra)) };
    }
    case "assert":
      return n;
    case "seq":
      return { t: "seq", items: n.items.map(foldCase) };
    case "alt":
      return { t: "alt", alts: n.alts.map(foldCase) };
    case "group":
      return { t: "group", body: foldCase(n.body) };
    case "quant":
      return { ...n, body: foldCase(n.body) };
  }
}
