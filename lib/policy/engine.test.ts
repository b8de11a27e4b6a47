import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CASE_CALL_DEFAULTS, DECISION_CASES } from "./decision-cases";
import {
  compilePolicy,
  evaluate,
  parsePolicy,
  serializePolicy,
  type CompiledPolicy,
  type DecisionInput,
} from "./index";
import { SEED_ENVIRONMENT, SEED_POLICY_YAML, SEED_TABLE } from "./seed-table";

function compileYaml(source: string): CompiledPolicy {
  const parsed = parsePolicy(source);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return compilePolicy(parsed.policy);
}

/** Evaluate with and without trace; both must agree, and the trace must list the same matches. */
function decideBothWays(compiled: CompiledPolicy, input: DecisionInput) {
  const fast = evaluate(compiled, input);
  const traced = evaluate(compiled, input, { trace: true });
  expect(fast.trace).toBeUndefined();
  const { trace, ...withoutTrace } = traced;
  expect(withoutTrace).toEqual(fast);
  expect(trace!.filter((t) => t.matched).map((t) => t.ruleId)).toEqual(fast.matchedRuleIds);
  return traced;
}

describe("seed policy", () => {
  it("SEED_POLICY_YAML is fixtures/seed-policy.yaml byte for byte", () => {
    const fixture = new URL("../../fixtures/seed-policy.yaml", import.meta.url);
    expect(SEED_POLICY_YAML).toBe(readFileSync(fixture, "utf8"));
  });

  it("parses unchanged", () => {
    const parsed = parsePolicy(SEED_POLICY_YAML);
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.policy.rules.map((r) => r.id)).toEqual([
        "allow-readonly-registered-servers",
        "approval-required-write-actions",
        "deny-unregistered-server",
      ]);
  });

  const compiled = compileYaml(SEED_POLICY_YAML);
  it.each(SEED_TABLE.map((row) => [row.name, row] as const))("%s", (_, row) => {
    const value = decideBothWays(compiled, { environment: SEED_ENVIRONMENT, ...row.call });
    expect(value.decision).toBe(row.expected.decision);
    expect(value.outcome).toBe(row.expected.outcome);
    expect(value.ruleId).toBe(row.expected.ruleId);
    if (row.expected.reason !== undefined) expect(value.reason).toBe(row.expected.reason);
    if (row.expected.constraints !== undefined) expect(value.constraints).toEqual(row.expected.constraints);
  });
});

describe("decision table", () => {
  const cache = new Map<string, CompiledPolicy>();
  it.each(DECISION_CASES.map((row) => [row.name, row] as const))("%s", (_, row) => {
    if (!cache.has(row.policy)) cache.set(row.policy, compileYaml(row.policy));
    const value = decideBothWays(cache.get(row.policy)!, { ...CASE_CALL_DEFAULTS, ...row.call });
    expect(value.decision).toBe(row.expected.decision);
    expect(value.ruleId).toBe(row.expected.ruleId);
    expect(value.reason).toBe(
      row.expected.reason ?? (row.expected.ruleId === null ? "no_rule_matched" : "rule_matched"),
    );
    if (row.expected.outcome !== undefined) expect(value.outcome).toBe(row.expected.outcome);
    if (row.expected.constraints !== undefined) expect(value.constraints).toEqual(row.expected.constraints);
    if (row.expected.matchedRuleIds !== undefined) expect(value.matchedRuleIds).toEqual(row.expected.matchedRuleIds);
  });

  it("has at least 60 rows with unique names", () => {
    expect(DECISION_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(DECISION_CASES.map((row) => row.name)).size).toBe(DECISION_CASES.length);
  });
});

describe("evaluate details", () => {
  const seed = compileYaml(SEED_POLICY_YAML);

  it("trace explains the failing condition and every matching one", () => {
    const value = evaluate(
      seed,
      { environment: "production", server: "notion", tool: "search", action: "read", risk: "low" },
      { trace: true },
    );
    expect(value.trace).toEqual([
      {
        ruleId: "allow-readonly-registered-servers",
        matched: false,
        decision: "ALLOW",
        reasons: ['mcp.server "notion" does not match ["github","jira","snowflake","slack"]'],
      },
      {
        ruleId: "approval-required-write-actions",
        matched: false,
        decision: "REQUIRE_APPROVAL",
        reasons: ['mcp.action "read" does not match "write"'],
      },
      {
        ruleId: "deny-unregistered-server",
        matched: true,
        decision: "DENY",
        reasons: [
          'mcp.server "notion" matches "*"',
          'mcp.server "notion" is not in deny_servers_not_in ["github","jira","snowflake","slack"]',
        ],
      },
    ]);
  });

  it("values outside the closed label sets fall back to a full scan, never throw", () => {
    const input = {
      environment: "qa",
      server: "notion",
      tool: "t",
      action: "read",
      risk: "low",
    } as unknown as DecisionInput;
    expect(evaluate(seed, input).ruleId).toBe("deny-unregistered-server");
    const weird = {
      environment: "production",
      server: "github",
      tool: "t",
      action: "execute",
      risk: "low",
    } as unknown as DecisionInput;
    expect(evaluate(seed, weird)).toMatchObject({ decision: "DENY", ruleId: null });
  });

  it("returns fresh constraints objects that callers may mutate", () => {
    const call: DecisionInput = { environment: "production", server: "jira", tool: "t", action: "write", risk: "low" };
    evaluate(seed, call).constraints.max_retries = 99;
    expect(evaluate(seed, call).constraints).toEqual({ max_runtime_sec: 60, max_retries: 1 });
  });

  it("compilePolicy refuses an invalid policy object", () => {
    const bad = { version: "v1", rules: [{ id: "x", match: {}, decision: "MAYBE" }] } as never;
    expect(() => compilePolicy(bad)).toThrow(/decision/);
  });

  it("exposes the hash of the compiled policy", () => {
    const parsed = parsePolicy(SEED_POLICY_YAML);
    expect(parsed.ok && seed.hash === parsed.hash).toBe(true);
    expect(seed.ruleCount).toBe(3);
  });
});

describe("serializePolicy", () => {
  it("writes the seed policy in the seed's layout (flow label lists, documented key order)", () => {
    const parsed = parsePolicy(SEED_POLICY_YAML);
    if (!parsed.ok) throw new Error("seed must parse");
    const text = serializePolicy(parsed.policy);
    expect(text).toBe(
      SEED_POLICY_YAML.split("\n").slice(2).join("\n").replaceAll('"', "").replace("mcp.server: *", 'mcp.server: "*"'),
    );
  });

  it("drops undefined optional fields", () => {
    const text = serializePolicy({
      version: "v1",
      rules: [
        { id: "a", description: undefined, match: { labels: undefined }, decision: "ALLOW", constraints: undefined },
      ],
    });
    expect(text).toBe("version: v1\nrules:\n  - id: a\n    match: {}\n    decision: ALLOW\n");
  });
});
