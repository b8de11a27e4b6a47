import { describe, expect, it } from "vitest";
import { checkPatternSafety } from "./index";

const REFUSED: [string, RegExp][] = [
  ["(a+)+$", /nested quantifier/],
  ["^(a+)+$", /nested quantifier/],
  ["(a|a)*", /overlapping branches/],
  ["(a|ab)*c", /overlapping branches/],
  ["(?:a|b|ab)+c", /overlapping branches/],
  ["(\\w+\\s?)*$", /nested quantifier/],
  ["(.*a){20}", /nested quantifier/],
  ["(x+x+)+y", /nested quantifier/],
  ["([a-z]+)*@", /nested quantifier/],
  ["x(a?)*y", /empty string/],
  ["id=\\w+\\d+", /adjacent unbounded/],
  ["\\w+@corp\\.com", /starts with unbounded/],
  [".*secret", /starts with unbounded/],
  ["(a)\\1", /backreference/],
  ["(?<x>a)\\k<x>", /backreference/],
  ["foo(?=bar)", /lookaround/],
  ["(?<!x)foo", /lookaround/],
  ["[", /invalid/],
  ["(abc", /invalid/],
  ["a{2,1}", /invalid/],
  ["", /empty/],
  ["a*", /unbounded|empty/],
  ["x".repeat(600), /longer than/],
];

const ACCEPTED = [
  "secret-[0-9a-f]{32}",
  "ACME-\\d{6}",
  "EMP-\\d{6}",
  "(?i)internal[-_ ]?token",
  "\\bproj_[A-Za-z0-9]{20}\\b",
  "[A-Z]{2}\\d{6}[A-D]",
  "emp(?:loyee)?[ #:]{0,3}\\d{5,8}",
  "(?:[a-z]{1,63}\\.){1,8}corp\\.com",
  "(foo|bar)+baz",
  "(\\d{3}-)+\\d{4}",
  "key=(?:\\w{1,32},){0,10}\\w{1,32}",
  "https://hooks\\.internal\\.corp/[A-Za-z0-9]{24}",
  "(?:prod|stage)-db-[0-9]{2}",
  "tok_[a-z0-9]{8}(?:_[a-z0-9]{4})?",
];

describe("checkPatternSafety", () => {
  it.each(REFUSED)("refuses %s", (pattern, reason) => {
    const r = checkPatternSafety(pattern);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it.each(ACCEPTED)("accepts %s", (pattern) => {
    expect(checkPatternSafety(pattern)).toEqual({ ok: true });
  });
});
