// The seed policy and the decisions docs/policy-language.md#seed-policy fixes for it, as data shared by the engine's
// unit tests and the HTTP route tests (environment production, all four servers catalogued).
import type { ActionClass, Constraints, Decision, Environment, Outcome, Risk } from "./types";

/** Byte-for-byte copy of fixtures/seed-policy.yaml (a test checks they stay equal). */
export const SEED_POLICY_YAML = `# The policy from the seed article, with the indentation that the article lost
# restored. It must import unchanged, and its decisions are fixed in SPEC.md.
version: v1
rules:
  - id: allow-readonly-registered-servers
    match:
      labels:
        mcp.server: ["github", "jira", "snowflake", "slack"]
        mcp.action: read
    decision: ALLOW
  - id: approval-required-write-actions
    match:
      labels:
        mcp.action: write
    decision: REQUIRE_APPROVAL
    constraints:
      max_runtime_sec: 60
      max_retries: 1
  - id: deny-unregistered-server
    match:
      labels:
        mcp.server: "*"
      mcp:
        deny_servers_not_in: ["github", "jira", "snowflake", "slack"]
    decision: DENY
`;

export const SEED_ENVIRONMENT: Environment = "production";

export interface SeedRow {
  name: string;
  call: { server: string; tool: string; action: ActionClass; risk: Risk };
  expected: { decision: Decision; outcome: Outcome; ruleId: string | null; reason?: string; constraints?: Constraints };
}

export const SEED_TABLE: readonly SeedRow[] = [
  {
    name: "github read tool is allowed",
    call: { server: "github", tool: "get_file_contents", action: "read", risk: "low" },
    expected: {
      decision: "ALLOW",
      outcome: "ALLOW",
      ruleId: "allow-readonly-registered-servers",
      reason: "rule_matched",
      constraints: {},
    },
  },
  {
    name: "jira write tool needs approval with 60 s / 1 retry",
    call: { server: "jira", tool: "create_issue", action: "write", risk: "medium" },
    expected: {
      decision: "REQUIRE_APPROVAL",
      outcome: "APPROVAL",
      ruleId: "approval-required-write-actions",
      reason: "rule_matched",
      constraints: { max_runtime_sec: 60, max_retries: 1 },
    },
  },
  {
    name: "notion read tool is denied as unregistered",
    call: { server: "notion", tool: "search", action: "read", risk: "low" },
    expected: {
      decision: "DENY",
      outcome: "DENY",
      ruleId: "deny-unregistered-server",
      reason: "rule_matched",
      constraints: {},
    },
  },
  {
    name: "notion write tool is denied as unregistered",
    call: { server: "notion", tool: "create_page", action: "write", risk: "medium" },
    expected: {
      decision: "DENY",
      outcome: "DENY",
      ruleId: "deny-unregistered-server",
      reason: "rule_matched",
      constraints: {},
    },
  },
  {
    name: "slack admin tool falls to default deny",
    call: { server: "slack", tool: "admin_users_remove", action: "admin", risk: "high" },
    expected: { decision: "DENY", outcome: "DENY", ruleId: null, reason: "no_rule_matched", constraints: {} },
  },
];
