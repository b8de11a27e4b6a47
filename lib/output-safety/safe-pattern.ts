/**
 * Refusing custom patterns that could backtrack catastrophically on a large output. A small parser
 * builds a regex tree; the checks look for ambiguity under repetition: nested quantifiers whose
 * repeated part can also follow itself, alternation branches that can start alike, backreferences
 * and lookarounds (not needed for redaction, hard to bound), leading unbounded repetition, and
 * adjacent unbounded quantifiers over overlapping characters.
 */
import { charSetOf, foldCase, intersects, parseRegex, union, type CharSet, type RegexNode } from "./safe-pattern-parse";

export type PatternCheck = { ok: true } | { ok: false; reason: string };

const MAX_PATTERN = 512;

/** A leading "(?i)" makes a custom pattern case-insensitive. */
export function compilePattern(pattern: string, flags: string): RegExp {
  const ci = pattern.startsWith("(?i)");
  return new RegExp(ci ? pattern.slice(4) : pattern, ci ? `${flags}i` : flags);
}

const nullable = (n: RegexNode): boolean => {
  switch (n.t) {
    case "set":
      return false;
    case "assert":
      return true;
    case "seq":
      return n.items.every(nullable);
    case "alt":
      return n.alts.some(nullable);
    case "group":
      return nullable(n.body);
    case "quant":
      return n.min === 0 || nullable(n.body);
  }
};

function first(n: RegexNode): CharSet {
  switch (n.t) {
    case "set":
      return n.set;
    case "assert":
      return charSetOf([]);
    case "group":
    case "quant":
      return first(n.body);
    case "alt":
      return n.alts.map(first).reduce(union, charSetOf([]));
    case "seq": {
      let acc = charSetOf([]);
      for (const item of n.items) {
        acc = union(acc, first(item));
        if (!nullable(item)) break;
      }
      return acc;
    }
  }
}

const unwrap = (n: RegexNode): RegexNode => (n.t === "group" ? unwrap(n.body) : n);
const repeats = (q: RegexNode & { t: "quant" }): boolean => q.max > 1;
const variable = (q: RegexNode & { t: "quant" }): boolean => q.max === Infinity || q.min !== q.max;

function walk(n: RegexNode, fn: (n: RegexNode) => void): void {
  fn(n);
  if (n.t === "seq") n.items.forEach((c) => walk(c, fn));
  else if (n.t === "alt") n.alts.forEach((c) => walk(c, fn));
  else if (n.t === "group" || n.t === "quant") walk(n.body, fn);
}

/** Inside a repeated body, can a variable quantifier's characters also come right after it (or wrap to the next round)? */
function nestedAmbiguity(outer: RegexNode & { t: "quant" }): boolean {
  const body = unwrap(outer.body);
  const items = body.t === "seq" ? body.items : [body];
  let found = false;
  items.forEach((item, i) => {
    const inner = unwrap(item);
    if (inner.t === "quant" && variable(inner)) {
      let follow = charSetOf([]);
      let j = i + 1;
      for (; j < items.length; j++) {
        follow = union(follow, first(items[j]));
        if (!nullable(items[j])) break;
      }
      if (j === items.length) follow = union(follow, first(body));
      if (intersects(first(inner.body), follow)) found = true;
    } else {
      // A variable quantifier buried deeper (inside a group or alternation) is judged conservatively.
      walk(item, (d) => {
        if (d !== item && d.t === "quant" && variable(d) && (outer.max === Infinity || d.max === Infinity))
          found = true;
      });
    }
  });
  return found;
}

function overlappingAlternation(n: RegexNode): boolean {
  let bad = false;
  walk(n, (d) => {
    if (d.t !== "alt") return;
    if (d.alts.some(nullable)) bad = true;
    const firsts = d.alts.map(first);
    for (let i = 0; i < firsts.length && !bad; i++)
      for (let j = i + 1; j < firsts.length; j++) if (intersects(firsts[i], firsts[j])) bad = true;
  });
  return bad;
}

function analyse(root: RegexNode): string | null {
  let reason: string | null = null;
  walk(root, (n) => {
    if (reason) return;
    if (n.t === "quant" && repeats(n)) {
      if (nullable(n.body)) reason = "a repeated group can match the empty string";
      else if (nestedAmbiguity(n))
        reason = "nested quantifier can backtrack catastrophically (e.g. (a+)+, (\\w+\\s?)*)";
      else if (overlappingAlternation(n.body))
        reason = "alternation with overlapping branches under a quantifier (e.g. (a|a)*)";
    }
    if (n.t === "seq") {
      for (let i = 0; i + 1 < n.items.length && !reason; i++) {
        const a = unwrap(n.items[i]),
          b = unwrap(n.items[i + 1]);
        if (
          a.t === "quant" &&
          b.t === "quant" &&
          a.max === Infinity &&
          b.max === Infinity &&
          intersects(first(a.body), first(b.body))
        ) {
          reason = "adjacent unbounded quantifiers over overlapping characters (e.g. \\w+\\w+)";
        }
      }
    }
  });
  if (reason) return reason;
  // Every start position would rescan the same run: quadratic on one long word or base64 blob.
  if (leadingClassRun(root))
    return "starts with unbounded repetition of a character class; begin with a literal or bound it (e.g. {1,64})";
  return null;
}

/** Does the pattern open with something like `\w+`, `.*` or `[a-z]+` (possibly inside a group)? */
function leadingClassRun(n: RegexNode): boolean {
  const head = unwrap(n.t === "seq" && n.items.length > 0 ? n.items[0] : n);
  if (head.t !== "quant") return false;
  const body = unwrap(head.body);
  if (head.max === Infinity && body.t === "set") return true;
  return body.t === "seq" || body.t === "quant" ? leadingClassRun(body) : false;
}

export function checkPatternSafety(pattern: string): PatternCheck {
  if (typeof pattern !== "string" || pattern.length === 0) return { ok: false, reason: "empty pattern" };
  if (pattern.length > MAX_PATTERN) return { ok: false, reason: `pattern longer than ${MAX_PATTERN} characters` };
  let re: RegExp;
  try {
    re = compilePattern(pattern, "");
  } catch (e) {
    return { ok: false, reason: `invalid regular expression: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = parseRegex(re.source);
  if (parsed.backreference) return { ok: false, reason: "backreferences are not allowed" };
  if (parsed.lookaround) return { ok: false, reason: "lookaround assertions are not allowed" };
  const reason = analyse(re.flags.includes("i") ? foldCase(parsed.root) : parsed.root);
  if (reason) return { ok: false, reason };
  if (re.test("")) return { ok: false, reason: "matches the empty string" };
  return { ok: true };
}
