// fast-check generators of policies and calls over a small vocabulary (so rules overlap
// often), and a deliberately naive reference evaluator written straight from docs/policy-language.md#evaluation.
// Test support only: imported by *.test.ts, never by the engine.
import fc from "fast-check";
import type { Constraints, Decision, DecisionInput, Policy, Rule } from "./types";

const oneOrList = (values: readonly string[]) =>
  fc.oneof(fc.constantFrom(...values), fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 3 }));

const labelsArb = fc.record(
  {
    "mcp.server": oneOrList(["github", "jira", "notion", "slack", "github-*", "*", "corp/*"]),
    "mcp.tool": oneOrList(["get_file", "create_issue", "delete_repo", "get_*", "*_admin"]),
    "mcp.action": oneOrList(["read", "write", "admin", "*", "w*"]),
    "mcp.risk": oneOrList(["low", "medium", "high", "*"]),
    "mcp.environment": oneOrList(["development", "staging", "production", "prod*"]),
    "agent.id": oneOrList(["ci-*", "bot-1", "*"]),
    "agent.owner": oneOrList(["alice", "bob", "*"]),
  },
  { requiredKeys: [] },
);

const argumentsArb = fc.dictionary(
  fc.constantFrom("/repo", "/force", "/options/limit", "/assignee"),
  fc.constantFrom<unknown>("acme/*", { regex: "^acme/(web|api)$" }, 5, true, null, "x"),
  { maxKeys: 2 },
);

const constraintsArb: fc.Arbitrary<Constraints> = fc.record(
  {
    max_runtime_sec: fc.integer({ min: 0, max: 300 }),
    max_retries: fc.integer({ min: 0, max: 5 }),
    max_calls_per_minute: fc.integer({ min: 0, max: 100 }),
    approvals_required: fc.integer({ min: 1, max: 3 }),
    approval_ttl_min: fc.integer({ min: 1, max: 240 }),
    approver_group: fc.constantFrom("sre", "finance", "security"),
    approval_scope: fc.constantFrom("once" as const, "window" as const),
    approval_window_min: fc.integer({ min: 1, max: 60 }),
  },
  { requiredKeys: [] },
);

export const ruleArb: fc.Arbitrary<Omit<Rule, "id">> = fc
  .record({
    description: fc.option(
      fc.constantFrom(
        "",
        "a: b",
        "# not a comment",
        "'quoted'",
        "yes",
        "null",
        "123",
        "ünïcödé",
        "  padded",
        "tab\there",
      ),
      { nil: undefined },
    ),
    labels: fc.option(labelsArb, { nil: undefined }),
    notIn: fc.option(fc.uniqueArray(fc.constantFrom("github", "jira", "slack", "internal-*"), { maxLength: 3 }), {
      nil: undefined,
    }),
    args: fc.option(argumentsArb, { nil: undefined }),
    decision: fc.constantFrom<Decision>("ALLOW", "REQUIRE_APPROVAL", "DENY"),
    constraints: fc.option(constraintsArb, { nil: undefined, freq: 2 }),
  })
  .map(({ description, labels, notIn, args, decision, constraints }) => ({
    ...(description !== undefined && { description }),
    match: {
      ...(labels !== undefined && { labels }),
      ...(notIn !== undefined && { mcp: { deny_servers_not_in: notIn } }),
      ...(args !== undefined && { arguments: args }),
    },
    decision,
    ...(constraints !== undefined && decision !== "DENY" && { constraints }),
  }));

export const withIds = (rules: Omit<Rule, "id">[], prefix = "r"): Rule[] =>
  rules.map((rule, i) => {
    const { description, ...rest } = rule;
    return { id: `${prefix}${i}`, ...(description !== undefined && { description }), ...rest };
  });

export const policyArb: fc.Arbitrary<Policy> = fc
  .array(ruleArb, { maxLength: 12 })
  .map((rules) => ({ version: "v1" as const, rules: withIds(rules) }));

export const callArb: fc.Arbitrary<DecisionInput> = fc.record(
  {
    environment: fc.constantFrom("development" as const, "staging" as const, "production" as const),
    server: fc.constantFrom("github", "jira", "notion", "slack", "github-enterprise", "corp/x", "internal-wiki"),
    tool: fc.constantFrom("get_file", "create_issue", "delete_repo", "repo_admin"),
    action: fc.constantFrom("read" as const, "write" as const, "admin" as const),
    risk: fc.constantFrom("low" as const, "medium" as const, "high" as const),
    agentId: fc.constantFrom("ci-main", "bot-1", "human"),
    agentOwner: fc.constantFrom("alice", "bob"),
    arguments: fc.constantFrom<unknown>(
      { repo: "acme/web" },
      { repo: "other" },
      { repo: 5 },
      { force: true },
      { options: { limit: 5 } },
      { assignee: null },
      {},
      "scalar",
    ),
  },
  { requiredKeys: ["environment", "server", "tool", "action", "risk"] },
);

// ---- reference model: the spec read literally, no index, JS RegExp for globs and regexes ----

const globRe = (glob: string) =>
  new RegExp(
    `^${glob
      .split("*")
      .map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&"))
      .join("[\\s\\S]*")}$`,
  );

function pointerValue(doc: unknown, pointer: string): { found: boolean; value?: unknown } {
  let current = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const token = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, token)) return { found: false };
    current = (current as Record<string, unknown>)[token];
  }
  return { found: true, value: current };
}

export function referenceMatches(rule: Rule, call: DecisionInput): boolean {
  const values: Record<string, string | undefined> = {
    "mcp.server": call.server,
    "mcp.tool": call.tool,
    "mcp.action": call.action,
    "mcp.risk": call.risk,
    "mcp.environment": call.environment,
    "agent.id": call.agentId,
    "agent.owner": call.agentOwner,
  };
  for (const [label, expected] of Object.entries(rule.match.labels ?? {})) {
    const actual = values[label];
    const list = typeof expected === "string" ? [expected] : expected;
    if (actual === undefined || !list.some((g) => globRe(g).test(actual))) return false;
  }
  const notIn = rule.match.mcp?.deny_servers_not_in;
  if (notIn?.some((g) => globRe(g).test(call.server))) return false;
  for (const [pointer, expected] of Object.entries(rule.match.arguments ?? {})) {
    const { found, value } = pointerValue(call.arguments, pointer);
    if (!found) return false;
    if (typeof expected === "string") {
      if (typeof value !== "string" || !globRe(expected).test(value)) return false;
    } else if (expected !== null && typeof expected === "object") {
      if (typeof value !== "string" || !new RegExp((expected as { regex: string }).regex).test(value)) return false;
    } else if (value !== expected) return false;
  }
  return true;
}

export function referenceDecision(policy: Policy, call: DecisionInput) {
  const matched = policy.rules.filter((rule) => referenceMatches(rule, call));
  if (matched.length === 0) return { decision: "DENY" as Decision, ruleId: null, constraints: {} as Constraints };
  const decision: Decision = matched.some((r) => r.decision === "DENY")
    ? "DENY"
    : matched.some((r) => r.decision === "REQUIRE_APPROVAL")
      ? "REQUIRE_APPROVAL"
      : "ALLOW";
  const winners = matched.filter((r) => r.decision === decision);
  const constraints: Record<string, unknown> = {};
  for (const key of [
    "max_runtime_sec",
    "max_retries",
    "max_calls_per_minute",
    "approval_ttl_min",
    "approval_window_min",
  ] as const) {
    const values = winners.map((r) => r.constraints?.[key]).filter((v): v is number => v !== undefined);
    if (values.length > 0) constraints[key] = Math.min(...values);
  }
  const approvers = winners.map((r) => r.constraints?.approvals_required).filter((v): v is number => v !== undefined);
  if (approvers.length > 0) constraints.approvals_required = Math.max(...approvers);
  const scopes = winners.map((r) => r.constraints?.approval_scope).filter((v) => v !== undefined);
  if (scopes.length > 0) constraints.approval_scope = scopes.includes("once") ? "once" : "window";
  const groups = winners
    .map((r) => r.constraints?.approver_group)
    .filter((v): v is string => v !== undefined)
    .sort();
  if (groups.length > 0) constraints.approver_group = groups[0];
  return {
    decision,
    ruleId: winners[0].id,
    constraints: constraints as Constraints,
    matchedRuleIds: matched.map((r) => r.id),
  };
}
