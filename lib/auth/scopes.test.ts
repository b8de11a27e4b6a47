import { describe, expect, it } from "vitest";
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
