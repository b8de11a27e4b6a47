import { describe, expect, it } from "vitest";
import { compilePolicy, evaluate, parsePolicy } from "./index";

const POLICY = `version: v1
rules:
  - id: writes
    match: {labels: {mcp.action: write}}
    decision: REQUIRE_APPROVAL
    constraints: {approvals_required: 2, approver_groups: [sre], approval_bind_arguments: [/repo]}
  - id: payments
    match: {labels: {mcp.server: payments}}
    decision: REQUIRE_APPROVAL
    constraints: {approver_groups: [finance, sre], approval_scope: window, approval_window_min: 30, approval_bind_arguments: [/account, /repo]}
`;

describe("list constraints", () => {
  const parsed = parsePolicy(POLICY);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const compiled = compilePolicy(parsed.policy);

  it("merge as sorted unions, whatever the rule order", () => {
    const d = evaluate(compiled, {
      environment: "production",
      server: "payments",
      tool: "pay",
      action: "write",
      risk: "high",
    });
    expect(d.constraints).toMatchObject({
      approver_groups: ["finance", "sre"],
      approval_bind_arguments: ["/account", "/repo"],
      approvals_required: 2,
      approval_scope: "window",
    });
    const reversed = parsePolicy(
      POLICY.replace(
        /rules:\n([\s\S]*)/,
        (_, body: string) =>
          `rules:\n${body
            .split("  - id: ")
            .filter(Boolean)
            .reverse()
            .map((r) => `  - id: ${r}`)
            .join("")}`,
      ),
    );
    if (!reversed.ok) throw new Error("reverse failed");
    expect(
      evaluate(compilePolicy(reversed.policy), {
        environment: "production",
        server: "payments",
        tool: "pay",
        action: "write",
        risk: "high",
      }).constraints,
    ).toEqual(d.constraints);
  });

  it.each([
    ["approver_groups: []", "rules[0].constraints.approver_groups"],
    ["approver_groups: sre", "rules[0].constraints.approver_groups"],
    ["approval_bind_arguments: [repo]", "rules[0].constraints.approval_bind_arguments[0]"],
  ])("refuses %s", (constraint, field) => {
    const r = parsePolicy(
      `version: v1\nrules:\n  - id: r\n    match: {}\n    decision: REQUIRE_APPROVAL\n    constraints: {${constraint}}\n`,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });
});
