import { describe, expect, it } from "vitest";
import { semanticPolicyDiff } from "./semantic-diff";

const BEFORE = `version: v1
rules:
  - id: allow-reads
    match:
      labels:
        mcp.action: [read]
    decision: ALLOW
  - id: jira-writes
    match:
      labels:
        mcp.server: [jira]
    decision: REQUIRE_APPROVAL
  - id: old-rule
    match: {}
    decision: DENY
`;

const AFTER = `version: v1
rules:
  - id: jira-writes
    match:
      labels:
        mcp.server: [jira]
    decision: DENY
  - id: allow-reads
    match:
      labels:
        mcp.action: [read]
    decision: ALLOW
  - id: new-rule
    match:
      labels:
        mcp.risk: [high]
    decision: REQUIRE_APPROVAL
`;

describe("semanticPolicyDiff", () => {
  it("reports rules added, changed and removed by id, ignoring order, with only the changed lines", () => {
    const d = semanticPolicyDiff(BEFORE, AFTER);
    if (!d.ok) throw new Error(d.message);
    expect(d.changes.map((c) => [c.ruleId, c.change])).toEqual([
      ["jira-writes", "changed"],
      ["new-rule", "added"],
      ["old-rule", "removed"],
    ]);
    expect([d.added, d.changed, d.removed]).toEqual([1, 1, 1]);
    expect(d.changes[0].lines).toEqual([
      { kind: "removed", text: "decision: REQUIRE_APPROVAL" },
      { kind: "added", text: "decision: DENY" },
    ]);
    expect(d.changes[1].lines.every((l) => l.kind === "added")).toBe(true);
    expect(d.changes[1].lines[0].text).toBe("id: new-rule");
  });

  it("treats everything as added when nothing is live and says which side does not parse", () => {
    const first = semanticPolicyDiff("", BEFORE);
    expect(first.ok && first.added).toBe(3);
    expect(semanticPolicyDiff(BEFORE, "version: v1\nrules: 7\n")).toMatchObject({ ok: false, side: "after" });
    const same = semanticPolicyDiff(BEFORE, BEFORE);
    expect(same.ok && same.changes).toEqual([]);
  });
});
