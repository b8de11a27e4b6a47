import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileAnyOf, compileGlob } from "./glob";

function referenceGlob(pattern: string): RegExp {
  const body = pattern
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
    .join("[\\s\\S]*");
  return new RegExp(`^${body}$`);
}

const alphabet = fc.constantFrom("a", "b", "/", "-", "A");

describe("glob", () => {
  it("matches like an anchored regex where * is any run of characters", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", "/", "*", "-"), maxLength: 8 }),
        fc.array(fc.string({ unit: alphabet, maxLength: 10 }), { maxLength: 10 }),
        (pattern, values) => {
          const glob = compileGlob(pattern);
          for (const value of values) expect(glob(value)).toBe(referenceGlob(pattern).test(value));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each([
    ["*", "", true],
    ["github-*", "github-", true],
    ["github-*", "github", false],
    ["acme/*", "acme/a/b/c", true],
    ["*_admin", "users_admin", true],
    ["a*a", "a", false],
    ["a*b*a", "aba", true],
    ["Github", "github", false],
  ])("%s on %j → %s", (pattern, value, expected) => {
    expect(compileGlob(pattern)(value)).toBe(expected);
  });

  it("any-of lists mix exact values and globs", () => {
    const matches = compileAnyOf(["github", "jira-*", "*-prod"]);
    expect(["github", "jira-cloud", "db-prod"].map(matches)).toEqual([true, true, true]);
    expect(["jira", "githubx", "prod"].map(matches)).toEqual([false, false, false]);
  });
});
