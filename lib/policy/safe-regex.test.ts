import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileSafeRegex } from "./safe-regex";

function compile(pattern: string) {
  const compiled = compileSafeRegex(pattern);
  if (!compiled.ok) throw new Error(`${pattern}: ${compiled.message}`);
  return compiled.test;
}

/** Patterns of the safe subset over a tiny alphabet, so that matches are frequent. */
const patternArb: fc.Arbitrary<string> = fc.letrec<{ node: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        "a",
        "b",
        "c",
        "1",
        ".",
        "[ab]",
        "[^a]",
        "[a-c]",
        "\\d",
        "\\w",
        "\\s",
        "\\.",
        "[\\d\\n]",
        "\\x61",
      ),
    },
    { weight: 1, arbitrary: tie("node").map((inner) => `(${inner})`) },
    { weight: 1, arbitrary: tie("node").map((inner) => `(?:${inner})`) },
  ),
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc
      .tuple(tie("atom"), fc.constantFrom("", "", "*", "+", "?", "{2}", "{0,2}", "{1,}", "*?", "+?", "{1,3}?"))
      .map(([a, q]) => a + q),
    fc.tuple(tie("node"), tie("node")).map(([x, y]) => x + y),
    fc.tuple(tie("node"), tie("node")).map(([x, y]) => `${x}|${y}`),
    fc.tuple(fc.constantFrom("^", ""), tie("node"), fc.constantFrom("$", "")).map(([s, x, e]) => s + x + e),
  ),
})).node;

const inputArb = fc.string({ unit: fc.constantFrom("a", "b", "c", "1", ".", " ", "\n", "é"), maxLength: 12 });

describe("safe regex", () => {
  it("agrees with JavaScript RegExp on the safe subset", () => {
    fc.assert(
      fc.property(patternArb, fc.array(inputArb, { minLength: 1, maxLength: 8 }), (pattern, inputs) => {
        const test = compile(pattern);
        const reference = new RegExp(pattern);
        for (const input of inputs)
          expect(test(input), `${pattern} on ${JSON.stringify(input)}`).toBe(reference.test(input));
      }),
      { numRuns: 1500 },
    );
  });

  it.each([
    ["^acme/[a-z-]+$", "acme/web-app", true],
    ["^acme/[a-z-]+$", "acme/Web", false],
    ["^$", "", true],
    ["$^", "", true],
    ["a{2,3}", "xaay", true],
    ["^a{2,3}$", "aaaa", false],
    ["[^]", "x", true],
    ["[]", "x", false],
    ["\\u00e9", "café", true],
    ["a.c", "a\nc", false],
    ["\\S+@\\S+", "me@example.com", true],
    ["]}", "]}", true],
    ["^\\s$", "\u00a0", true],
    ["^[\\S]+$", "a\u2028", false],
    ["[[]", "[", true],
    ["[\\]]", "]", true],
    ["^[^]$", "\n", true],
    ["\\0", "\u0000", true],
    ["a\\.b", "a.b", true],
  ])("%s on %j → %s", (pattern, input, expected) => {
    expect(compile(pattern)(input)).toBe(expected);
    expect(new RegExp(pattern).test(input)).toBe(expected);
  });

  it("answers patterns that make backtracking engines explode (RE2 never backtracks)", () => {
    const run = "a".repeat(100_000);
    // [pattern, on run + "!", on run alone]
    const rows: [string, boolean, boolean][] = [
      ["^(a+)+$", false, true],
      ["^(a|a)*$", false, true],
      ["^(a|aa)*$", false, true],
      ["(a*)*b", false, false],
      ["^(a?){30}a{30}$", false, false],
      ["^(\\w+\\s?)*$", false, true],
    ];
    for (const [pattern, withBang, alone] of rows) {
      expect(compile(pattern)(`${run}!`), pattern).toBe(withBang);
      expect(compile(pattern)(run), pattern).toBe(alone);
    }
  });

  it("matches by code point: only characters outside the BMP differ from JavaScript", () => {
    expect(compile("^a.c$")("a😀c")).toBe(true);
    expect(/^a.c$/.test("a😀c")).toBe(false);
    expect(compile("^[😀]$")("😀")).toBe(true);
  });

  it("agrees with JavaScript on a pattern whose automaton has many states", () => {
    const pattern = "(a|b)*a(a|b){12}";
    const test = compile(pattern);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("a", "b"), minLength: 10, maxLength: 120 }), (input) => {
        expect(test(input)).toBe(new RegExp(pattern).test(input));
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ["\\1", "backreferences"],
    ["(a)\\1", "backreferences"],
    ["(?=a)", "lookaround"],
    ["(?<!a)b", "lookaround"],
    ["(?<name>a)", "named groups"],
    ["\\bword\\b", "word boundaries"],
    ["\\p{L}", "unsupported escape"],
    ["\\u{1F600}", "hex digits"],
    ["a{101}", "repetition bound"],
    ["a{3,1}", "out of order"],
    ["{", "must be escaped"],
    ["x{", "must be escaped"],
    ["*a", "nothing to repeat"],
    ["a**", "nothing to repeat"],
    ["^*", "nothing to repeat"],
    ["(a", "missing ')'"],
    ["a)", "unmatched ')'"],
    ["[a", "missing ']'"],
    ["[z-a]", "out of order"],
    ["[\\d-z]", "class escape"],
    ["abc\\", "end of pattern"],
    ["x".repeat(1001), "longer than"],
    ["((((a{100}){100}){100}){100})", "too large"],
  ])("refuses %s (%s)", (pattern, message) => {
    const compiled = compileSafeRegex(pattern);
    expect(compiled.ok).toBe(false);
    if (!compiled.ok) expect(compiled.message).toContain(message);
  });
});
