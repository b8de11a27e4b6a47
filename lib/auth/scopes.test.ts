import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SCOPE } from "@/lib/schemas/identity";
import { hasScope, parseScopeValue, scopeCovers } from "./scopes";

describe("scopes", () => {
  it.each([
    ["mcp:github:read", "mcp:github:read", true],
    ["mcp:*:read", "mcp:github:read", true],
    ["mcp:github:write", "mcp:github:read", false],
    ["mcp:github:admin", "mcp:github:write", false],
    ["mcp:github:read", "mcp:jira:read", false],
    ["mcp:github:read", "mcp:*:read", false],
    ["mcp:*:read", "mcp:*:read", true],
    ["mcp:github-*:read", "mcp:github-x:read", false],
    ["openid", "mcp:github:read", false],
  ])("%s covers %s → %s", (granted, wanted, expected) => {
    expect(scopeCovers(granted, wanted)).toBe(expected);
  });

  it("checks a call against a scope list and parses scope values", () => {
    expect(hasScope(["mcp:jira:write", "mcp:*:read"], "github", "read")).toBe(true);
    expect(hasScope(["mcp:jira:write", "mcp:*:read"], "github", "write")).toBe(false);
    expect(parseScopeValue("a  b a")).toEqual(["a", "b"]);
    expect(parseScopeValue(["a", 1, "b"])).toEqual(["a", "b"]);
    expect(parseScopeValue(undefined)).toEqual([]);
  });
});

describe("scopeCovers with its parsed-scope memo", () => {
  it("answers as the scope grammar does, first time and every time after (property)", () => {
    const reference = (granted: string, wanted: string) => {
      const g = SCOPE.exec(granted);
      const w = SCOPE.exec(wanted);
      return !!g && !!w && g[2] === w[2] && (g[1] === "*" || g[1] === w[1]);
    };
    const part = fc.constantFrom("*", "github", "jira", "Git", "a.b-c_d", "", "x:y");
    const scope = fc.oneof(
      fc.tuple(part, fc.constantFrom("read", "write", "admin", "Read", "delete")).map(([s, c]) => `mcp:${s}:${c}`),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(scope, scope, (granted, wanted) => {
        expect(scopeCovers(granted, wanted)).toBe(reference(granted, wanted));
        expect(scopeCovers(granted, wanted)).toBe(reference(granted, wanted));
      }),
      { numRuns: 2_000 },
    );
  });
});
