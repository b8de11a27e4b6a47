import { describe, expect, it } from "vitest";
import { applyRuleEdit } from "./edit-document";
import { parsePolicy } from "./parse";
import type { Rule } from "./types";

const COMMENTED = `# Production policy — owned by the platform team
version: v1
rules:
  # Reads are safe everywhere
  - id: allow-reads
    description: 'Read-only tools' # single quotes on purpose
    match:
      labels:
        mcp.action: [read]
    decision: ALLOW
  # Writes to the tracker need a human
  - id: jira-writes
    match:
      labels:
        mcp.server: "jira"
        mcp.action: [write]
    decision: REQUIRE_APPROVAL
    constraints:
      approval_ttl_min: 30 # half an hour
`;

function rule(source: string, id: string): Rule {
  const parsed = parsePolicy(source);
  if (!parsed.ok) throw new Error(parsed.errors[0].message);
  const found = parsed.policy.rules.find((r) => r.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

describe("applyRuleEdit keeps the file's comments, order and quoting", () => {
  it("changes only the edited value of a rule", () => {
    const old = rule(COMMENTED, "jira-writes");
    const edited: Rule = { ...old, constraints: { approval_ttl_min: 45 } };
    const out = applyRuleEdit(COMMENTED, { kind: "replace", index: 1, rule: edited });
    expect(out).toBe(COMMENTED.replace("approval_ttl_min: 30", "approval_ttl_min: 45"));
    expect(rule(out, "jira-writes").constraints).toEqual({ approval_ttl_min: 45 });
  });

  it("keeps comments and quotes of untouched rules when a rule's labels change", () => {
    const old = rule(COMMENTED, "allow-reads");
    const edited: Rule = { ...old, match: { labels: { "mcp.action": ["read"], "mcp.risk": ["low"] } } };
    const out = applyRuleEdit(COMMENTED, { kind: "replace", index: 0, rule: edited });
    for (const kept of [
      "# Production policy — owned by the platform team",
      "# Reads are safe everywhere",
      "description: 'Read-only tools' # single quotes on purpose",
      "# Writes to the tracker need a human",
      'mcp.server: "jira"',
      "approval_ttl_min: 30 # half an hour",
    ])
      expect(out).toContain(kept);
    expect(rule(out, "allow-reads").match.labels).toEqual({ "mcp.action": ["read"], "mcp.risk": ["low"] });
  });

  it("puts a new key of a rule where the canonical order has it", () => {
    const old = rule(COMMENTED, "jira-writes");
    const out = applyRuleEdit(COMMENTED, {
      kind: "replace",
      index: 1,
      rule: { ...old, description: "Tracker writes" },
    });
    expect(out).toBe(
      COMMENTED.replace("  - id: jira-writes\n", "  - id: jira-writes\n    description: Tracker writes\n"),
    );
  });

  it("appends a new rule after the last one and removes a rule without touching its neighbours", () => {
    const added = applyRuleEdit(COMMENTED, {
      kind: "add",
      rule: { id: "deny-admin", match: { labels: { "mcp.action": ["admin"] } }, decision: "DENY" },
    });
    expect(added.startsWith(COMMENTED.trimEnd())).toBe(true);
    const parsed = parsePolicy(added);
    expect(parsed.ok && parsed.policy.rules.map((r) => r.id)).toEqual(["allow-reads", "jira-writes", "deny-admin"]);

    const removed = applyRuleEdit(added, { kind: "remove", index: 0 });
    expect(removed).not.toContain("allow-reads");
    expect(removed).toContain("# Production policy — owned by the platform team");
    expect(removed).toContain("approval_ttl_min: 30 # half an hour");
    const after = parsePolicy(removed);
    expect(after.ok && after.policy.rules.map((r) => r.id)).toEqual(["jira-writes", "deny-admin"]);
  });
});
