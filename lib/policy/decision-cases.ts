// Named (policy, call, expected) rows covering docs/policy-language.md#evaluation: precedence, globs, lists,
// arguments, default deny, constraint merging, environment and agent labels. Plain data,
// run against the pure engine here and reusable against the HTTP simulator.
import {
  AGENT_POLICY,
  ARGUMENT_POLICY,
  CATCH_ALL_POLICY,
  EMPTY_POLICY,
  GLOB_POLICY,
  LIST_POLICY,
  MERGE_POLICY,
  PRECEDENCE_POLICY,
  SERVER_LIST_POLICY,
} from "./decision-case-policies";
import type { Constraints, Decision, DecisionInput, Outcome } from "./types";

export interface DecisionCase {
  name: string;
  policy: string;
  /** Omitted fields default to environment production, tool "tool", action read, risk low. */
  call: Partial<DecisionInput> & { server: string };
  expected: {
    decision: Decision;
    ruleId: string | null;
    outcome?: Outcome;
    reason?: string;
    constraints?: Constraints;
    matchedRuleIds?: string[];
  };
}

export const CASE_CALL_DEFAULTS = { environment: "production", tool: "tool", action: "read", risk: "low" } as const;

type Row = [name: string, call: DecisionCase["call"], expected: DecisionCase["expected"]];

const rows = (policy: string, list: Row[]): DecisionCase[] =>
  list.map(([name, call, expected]) => ({ name, policy, call, expected }));
const deny: DecisionCase["expected"] = {
  decision: "DENY",
  ruleId: null,
  outcome: "DENY",
  reason: "no_rule_matched",
  constraints: {},
  matchedRuleIds: [],
};

export const DECISION_CASES: readonly DecisionCase[] = [
  ...rows(PRECEDENCE_POLICY, [
    [
      "precedence: low-risk read merges both ALLOW rules",
      { server: "s" },
      {
        decision: "ALLOW",
        ruleId: "allow-all",
        outcome: "CONSTRAINTS",
        constraints: { max_runtime_sec: 10, max_calls_per_minute: 30 },
        matchedRuleIds: ["allow-all", "allow-reads-fast"],
      },
    ],
    [
      "precedence: medium read gets catch-all constraints",
      { server: "s", risk: "medium" },
      { decision: "ALLOW", ruleId: "allow-all", constraints: { max_runtime_sec: 120, max_calls_per_minute: 30 } },
    ],
    [
      "precedence: approval beats allow, allow constraints dropped",
      { server: "s", action: "write", risk: "medium" },
      {
        decision: "REQUIRE_APPROVAL",
        ruleId: "approve-writes",
        outcome: "APPROVAL",
        constraints: { max_runtime_sec: 60, approvals_required: 1, approval_ttl_min: 30 },
        matchedRuleIds: ["allow-all", "approve-writes"],
      },
    ],
    [
      "precedence: two approval rules merge strictest",
      { server: "s", action: "write", risk: "high" },
      {
        decision: "REQUIRE_APPROVAL",
        ruleId: "approve-writes",
        constraints: { max_runtime_sec: 60, max_retries: 2, approvals_required: 2, approval_ttl_min: 30 },
      },
    ],
    [
      "precedence: high-risk read needs approval",
      { server: "s", risk: "high" },
      {
        decision: "REQUIRE_APPROVAL",
        ruleId: "approve-high-risk",
        constraints: { max_runtime_sec: 90, max_retries: 2, approvals_required: 2, approval_ttl_min: 60 },
      },
    ],
    [
      "precedence: deny beats approval, no constraints",
      { server: "s", action: "admin", risk: "high" },
      {
        decision: "DENY",
        ruleId: "deny-admin",
        outcome: "DENY",
        reason: "rule_matched",
        constraints: {},
        matchedRuleIds: ["allow-all", "approve-high-risk", "deny-admin"],
      },
    ],
    [
      "precedence: deny beats allow",
      { server: "s", action: "admin", risk: "low" },
      { decision: "DENY", ruleId: "deny-admin", constraints: {} },
    ],
  ]),
  ...rows(GLOB_POLICY, [
    [
      "glob: prefix server and tool",
      { server: "github-enterprise", tool: "get_repo" },
      { decision: "ALLOW", ruleId: "github-family", outcome: "ALLOW" },
    ],
    ["glob: prefix glob needs the dash", { server: "github", tool: "get_repo" }, deny],
    ["glob: tool prefix must hold too", { server: "github-x", tool: "list_repos" }, deny],
    ["glob: case-sensitive", { server: "GitHub-x", tool: "get_repo" }, deny],
    [
      "glob: star matches the empty run",
      { server: "github-", tool: "get_" },
      { decision: "ALLOW", ruleId: "github-family" },
    ],
    [
      "glob: suffix deny beats prefix allow",
      { server: "github-x", tool: "get_admin" },
      { decision: "DENY", ruleId: "admin-suffix", matchedRuleIds: ["github-family", "admin-suffix"] },
    ],
    ["glob: middle parts in order", { server: "x", tool: "a-b-c" }, { decision: "REQUIRE_APPROVAL", ruleId: "a-b-c" }],
    ["glob: middle parts out of order", { server: "x", tool: "acb" }, deny],
    ["glob: adjacent middle parts", { server: "x", tool: "abc" }, { decision: "REQUIRE_APPROVAL", ruleId: "a-b-c" }],
    ["glob: star crosses slashes", { server: "corp/team/wiki" }, { decision: "ALLOW", ruleId: "corp-paths" }],
    ["glob: literal prefix required", { server: "corporate/wiki" }, deny],
  ]),
  ...rows(LIST_POLICY, [
    ["list: exact member", { server: "github" }, { decision: "ALLOW", ruleId: "readers" }],
    ["list: glob member", { server: "jira-cloud" }, { decision: "ALLOW", ruleId: "readers" }],
    ["list: not a member", { server: "jira" }, deny],
    [
      "list: risk list in production",
      { server: "github", risk: "high" },
      { decision: "REQUIRE_APPROVAL", ruleId: "risky", matchedRuleIds: ["readers", "risky"] },
    ],
    [
      "list: environment list excludes development",
      { server: "github", risk: "high", environment: "development" },
      { decision: "ALLOW", ruleId: "readers" },
    ],
    [
      "list: environment glob member",
      { server: "slack", action: "write", risk: "medium", environment: "staging" },
      { decision: "REQUIRE_APPROVAL", ruleId: "risky" },
    ],
    [
      "list: nothing matches in development",
      { server: "slack", action: "write", risk: "medium", environment: "development" },
      deny,
    ],
  ]),
  ...rows(ARGUMENT_POLICY, [
    [
      "arguments: glob on a string",
      { server: "github", arguments: { repo: "acme/web" } },
      { decision: "ALLOW", ruleId: "acme-repos" },
    ],
    ["arguments: glob mismatch", { server: "github", arguments: { repo: "other/web" } }, deny],
    ["arguments: label must hold too", { server: "gitlab", arguments: { repo: "acme/web" } }, deny],
    ["arguments: unresolved pointer", { server: "github", arguments: {} }, deny],
    ["arguments: no arguments at all", { server: "github" }, deny],
    ["arguments: string matcher ignores numbers", { server: "github", arguments: { repo: 5 } }, deny],
    [
      "arguments: regex alternation",
      { server: "github", arguments: { repo: "acme/web", branch: "main" } },
      { decision: "REQUIRE_APPROVAL", ruleId: "protected-branch", matchedRuleIds: ["acme-repos", "protected-branch"] },
    ],
    [
      "arguments: regex with .+",
      { server: "github", arguments: { repo: "acme/web", branch: "release/1.2" } },
      { decision: "REQUIRE_APPROVAL", ruleId: "protected-branch" },
    ],
    [
      "arguments: regex miss",
      { server: "github", arguments: { repo: "acme/web", branch: "feature/x" } },
      { decision: "ALLOW", ruleId: "acme-repos" },
    ],
    [
      "arguments: regex anchored at end",
      { server: "github", arguments: { repo: "acme/web", branch: "mainline" } },
      { decision: "ALLOW", ruleId: "acme-repos" },
    ],
    [
      "arguments: regex needs one char after release/",
      { server: "github", arguments: { repo: "acme/web", branch: "release/" } },
      { decision: "ALLOW", ruleId: "acme-repos" },
    ],
    [
      "arguments: regex ignores non-strings",
      { server: "github", arguments: { repo: "acme/web", branch: ["main"] } },
      { decision: "ALLOW", ruleId: "acme-repos" },
    ],
    [
      "arguments: boolean true",
      { server: "github", arguments: { repo: "acme/web", force: true } },
      { decision: "DENY", ruleId: "force-push", reason: "rule_matched" },
    ],
    ["arguments: string 'true' is not true", { server: "s", arguments: { force: "true" } }, deny],
    ["arguments: 1 is not true", { server: "s", arguments: { force: 1 } }, deny],
    [
      "arguments: nested number",
      { server: "s", arguments: { options: { limit: 1000 } } },
      { decision: "DENY", ruleId: "huge-limit" },
    ],
    ["arguments: number as string differs", { server: "s", arguments: { options: { limit: "1000" } } }, deny],
    ["arguments: other number differs", { server: "s", arguments: { options: { limit: 999 } } }, deny],
    [
      "arguments: null equals null",
      { server: "s", arguments: { assignee: null } },
      { decision: "REQUIRE_APPROVAL", ruleId: "unassigned" },
    ],
    ["arguments: absent is not null", { server: "s", arguments: { assignee: "bob" } }, deny],
    [
      "arguments: escaped pointer tokens",
      { server: "s", arguments: { "a/b": { "c~d": "x" } } },
      { decision: "ALLOW", ruleId: "escaped-pointer" },
    ],
    [
      "arguments: array index",
      { server: "s", arguments: { paths: ["secrets/db.env", "readme"] } },
      { decision: "DENY", ruleId: "first-path-secret" },
    ],
    ["arguments: array index elsewhere", { server: "s", arguments: { paths: ["readme", "secrets/db.env"] } }, deny],
    ["arguments: pointer through a scalar", { server: "s", arguments: { options: 5 } }, deny],
    [
      "arguments: inherited properties do not resolve",
      { server: "s", arguments: Object.create({ force: true }) },
      deny,
    ],
  ]),
  ...rows(AGENT_POLICY, [
    [
      "agent: id glob in staging",
      { server: "s", environment: "staging", agentId: "ci-main" },
      { decision: "ALLOW", ruleId: "ci-bot" },
    ],
    ["agent: environment label excludes production", { server: "s", agentId: "ci-main" }, deny],
    [
      "agent: specific agent denied",
      { server: "s", environment: "staging", agentId: "ci-legacy" },
      { decision: "DENY", ruleId: "blocked-agent", matchedRuleIds: ["ci-bot", "blocked-agent"] },
    ],
    ["agent: absent id never matches a glob", { server: "s", environment: "staging" }, deny],
    [
      "agent: owner exact",
      { server: "s", agentOwner: "alice@example.com" },
      { decision: "ALLOW", ruleId: "team-owned", outcome: "CONSTRAINTS", constraints: { max_calls_per_minute: 10 } },
    ],
    [
      "agent: owner glob, production write needs approval",
      { server: "s", action: "write", risk: "medium", agentOwner: "bob@sec.example.com" },
      {
        decision: "REQUIRE_APPROVAL",
        ruleId: "prod-writes",
        outcome: "APPROVAL",
        constraints: { approvals_required: 2, approver_group: "sre", approval_scope: "once" },
      },
    ],
    ["agent: owner is case-sensitive", { server: "s", agentOwner: "Alice@example.com" }, deny],
    [
      "agent: development write by owner",
      { server: "s", action: "write", environment: "development", agentOwner: "alice@example.com" },
      { decision: "ALLOW", ruleId: "team-owned" },
    ],
  ]),
  ...rows(MERGE_POLICY, [
    [
      "merge: scope once wins, group lexicographic, min windows, max approvers",
      { server: "payments", action: "write" },
      {
        decision: "REQUIRE_APPROVAL",
        ruleId: "writes",
        constraints: {
          approver_group: "finance",
          approval_scope: "once",
          approval_window_min: 10,
          approval_ttl_min: 120,
          max_calls_per_minute: 5,
          approvals_required: 3,
        },
      },
    ],
    [
      "merge: ALLOW constraints never join an approval",
      { server: "payments" },
      {
        decision: "REQUIRE_APPROVAL",
        ruleId: "payments",
        constraints: {
          approver_group: "finance",
          approval_scope: "once",
          approval_window_min: 10,
          approvals_required: 3,
        },
        matchedRuleIds: ["payments", "payments-read"],
      },
    ],
    [
      "merge: single approval rule",
      { server: "github", action: "write" },
      {
        decision: "REQUIRE_APPROVAL",
        ruleId: "writes",
        constraints: {
          approver_group: "sre",
          approval_scope: "window",
          approval_window_min: 30,
          approval_ttl_min: 120,
          max_calls_per_minute: 5,
        },
      },
    ],
  ]),
  ...rows(SERVER_LIST_POLICY, [
    [
      "server list: listed server passes",
      { server: "github" },
      { decision: "ALLOW", ruleId: "allow-rest", outcome: "ALLOW" },
    ],
    ["server list: glob entry passes", { server: "internal-wiki" }, { decision: "ALLOW", ruleId: "allow-rest" }],
    [
      "server list: unlisted server denied",
      { server: "notion" },
      { decision: "DENY", ruleId: "registered-only", matchedRuleIds: ["registered-only", "allow-rest"] },
    ],
    ["server list: case-sensitive", { server: "GitHub" }, { decision: "DENY", ruleId: "registered-only" }],
  ]),
  ...rows(CATCH_ALL_POLICY, [
    [
      "empty match: matches any call",
      { server: "anything", action: "admin", risk: "high", environment: "development" },
      { decision: "ALLOW", ruleId: "catch-all", outcome: "ALLOW", constraints: {} },
    ],
    ["empty match: matches without agent", { server: "x", tool: "" }, { decision: "ALLOW", ruleId: "catch-all" }],
  ]),
  ...rows(EMPTY_POLICY, [["no rules: default deny", { server: "github" }, deny]]),
];
