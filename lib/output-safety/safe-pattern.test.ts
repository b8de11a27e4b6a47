import { describe, expect, it } from "vitest";
import { checkPatternSafety, inspectOutput } from "./index";

const REFUSED: [string, RegExp][] = [
  ["(a)\\1", /backreference/],
  ["(?<x>a)\\k<x>", /backreference/],
  ["foo(?=bar)", /lookaround/],
  ["foo(?!bar)", /lookaround/],
  ["(?<!x)foo", /lookaround/],
  ["(?<=x)foo", /lookaround/],
  ["[", /invalid/],
  ["(abc", /invalid/],
  ["a{2,1}", /invalid/],
  ["a{1001}", /invalid/],
  ["a**", /invalid/],
  ["", /empty/],
  ["a*", /empty string/],
  ["x|", /empty string/],
  ["x".repeat(600), /longer than/],
];

/** Patterns a backtracking engine could stall on; RE2 runs them in linear time, so they are accepted. */
const NESTED = [
  "(a+)+$",
  "(a|a)+",
  "(a|ab)*c",
  "(\\w+\\s?)+$",
  "(x+x+)+y",
  "([a-z]+)*@",
  "\\w+@corp\\.com",
  ".*secret",
];

const ACCEPTED = [
  ...NESTED,
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

describe("custom patterns on hostile output", () => {
  it("answers nested quantifiers over a 200 kB run that would stall a backtracking engine", () => {
    const output = `${"a".repeat(200_000)}!`;
    const customPatterns = [
      { kind: "nested_a", pattern: "(a+)+$", category: "secret" as const },
      { kind: "alt_a", pattern: "(a|aa)*b", category: "secret" as const },
    ];
    const verdict = inspectOutput(output, { customPatterns });
    expect(verdict.findings.filter((f) => f.kind.endsWith("_a"))).toEqual([]);
    expect(verdict.action).toBe("ALLOW");
  });

  it("finds and masks every match, case-insensitively with (?i), at UTF-16 offsets after astral characters", () => {
    const output = "😀 ticket ACME-123456 and acme-654321";
    const verdict = inspectOutput(output, {
      customPatterns: [{ kind: "acme_id", pattern: "(?i)acme-\\d{6}", category: "secret" }],
    });
    const found = verdict.findings.filter((f) => f.kind === "acme_id");
    expect(found.map((f) => output.slice(f.start, f.end))).toEqual(["ACME-123456", "acme-654321"]);
    expect(verdict.action).toBe("REDACT");
    expect(verdict.output).not.toContain("123456");
    expect(verdict.output).not.toContain("654321");
  });

  it("marks matches in many small leaves (the batched pass) the same as one by one", () => {
    const leaves = Array.from({ length: 400 }, (_, i) => (i % 7 === 3 ? `id EMP-${100000 + i}` : `row ${i}`));
    const verdict = inspectOutput(leaves, {
      customPatterns: [{ kind: "employee_id", pattern: "EMP-\\d{6}", category: "pii" }],
    });
    const paths = verdict.findings.filter((f) => f.kind === "employee_id").map((f) => f.path);
    expect(paths).toEqual(leaves.flatMap((l, i) => (l.startsWith("id") ? [`/${i}`] : [])));
  });
});
