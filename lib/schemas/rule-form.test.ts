import { describe, expect, it } from "vitest";
import { formValues, ruleErrors, ruleFormSchema, toRule } from "./rule-form";

describe("rule form", () => {
  it("round-trips a rule through the form's values", () => {
    const rule = {
      id: "jira-writes",
      match: { labels: { "mcp.server": "jira", "mcp.action": ["write", "admin"] } },
      decision: "REQUIRE_APPROVAL" as const,
      constraints: { approval_ttl_min: 30 },
    };
    expect(toRule(ruleFormSchema.parse(formValues(rule)))).toEqual(rule);
  });

  it("says in plain words what is wrong, beside the field", () => {
    const bad = ruleFormSchema.safeParse({ ...formValues(), id: "Bad Id", arguments: "[1]", max_retries: "two" });
    expect(bad.success).toBe(false);
    const byField = Object.fromEntries((bad.error?.issues ?? []).map((i) => [i.path[0], i.message]));
    expect(byField).toEqual({
      id: "Use only lowercase letters, digits and dashes.",
      arguments: 'Write a JSON object, for example {"/repo": "acme/*"}.',
      max_retries: "Enter a whole number, or leave it empty.",
    });
    const deny = toRule({ ...formValues(), id: "x", decision: "DENY", max_retries: "2" });
    expect(ruleErrors(deny, ["x"])).toEqual({
      id: "Another rule is already called x.",
      decision: "A DENY rule cannot have constraints: clear them or pick another decision.",
    });
  });
});
