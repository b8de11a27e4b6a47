/** The policies the named decision cases (`decision-cases.ts`) run against, one per theme. */

export const PRECEDENCE_POLICY = `version: v1
rules:
  - id: allow-all
    match: {}
    decision: ALLOW
    constraints: {max_runtime_sec: 120, max_calls_per_minute: 30}
  - id: approve-writes
    match: {labels: {mcp.action: write}}
    decision: REQUIRE_APPROVAL
    constraints: {max_runtime_sec: 60, approvals_required: 1, approval_ttl_min: 30}
  - id: approve-high-risk
    match: {labels: {mcp.risk: high}}
    decision: REQUIRE_APPROVAL
    constraints: {max_runtime_sec: 90, max_retries: 2, approvals_required: 2, approval_ttl_min: 60}
  - id: deny-admin
    match: {labels: {mcp.action: admin}}
    decision: DENY
  - id: allow-reads-fast
    match: {labels: {mcp.action: read, mcp.risk: low}}
    decision: ALLOW
    constraints: {max_runtime_sec: 10}
`;

export const GLOB_POLICY = `version: v1
rules:
  - id: github-family
    match: {labels: {mcp.server: "github-*", mcp.tool: "get_*"}}
    decision: ALLOW
  - id: admin-suffix
    match: {labels: {mcp.tool: "*_admin"}}
    decision: DENY
  - id: a-b-c
    match: {labels: {mcp.tool: "a*b*c"}}
    decision: REQUIRE_APPROVAL
  - id: corp-paths
    match: {labels: {mcp.server: "corp/*"}}
    decision: ALLOW
`;

export const LIST_POLICY = `version: v1
rules:
  - id: readers
    match: {labels: {mcp.server: [github, "jira-*"], mcp.action: [read]}}
    decision: ALLOW
  - id: risky
    match: {labels: {mcp.risk: [medium, high], mcp.environment: [production, "stag*"]}}
    decision: REQUIRE_APPROVAL
`;

export const ARGUMENT_POLICY = `version: v1
rules:
  - id: acme-repos
    match: {labels: {mcp.server: github}, arguments: {/repo: "acme/*"}}
    decision: ALLOW
  - id: protected-branch
    match:
      labels: {mcp.server: github}
      arguments: {/repo: "acme/*", /branch: {regex: "^(main|release/.+)$"}}
    decision: REQUIRE_APPROVAL
  - id: force-push
    match: {arguments: {/force: true}}
    decision: DENY
  - id: huge-limit
    match: {arguments: {/options/limit: 1000}}
    decision: DENY
  - id: unassigned
    match: {arguments: {/assignee: null}}
    decision: REQUIRE_APPROVAL
  - id: escaped-pointer
    match: {arguments: {"/a~1b/c~0d": "x"}}
    decision: ALLOW
  - id: first-path-secret
    match: {arguments: {/paths/0: "secrets/*"}}
    decision: DENY
`;

export const AGENT_POLICY = `version: v1
rules:
  - id: ci-bot
    match: {labels: {agent.id: "ci-*", mcp.environment: staging}}
    decision: ALLOW
  - id: team-owned
    match: {labels: {agent.owner: [alice@example.com, "*@sec.example.com"]}}
    decision: ALLOW
    constraints: {max_calls_per_minute: 10}
  - id: prod-writes
    match: {labels: {mcp.environment: production, mcp.action: [write, admin]}}
    decision: REQUIRE_APPROVAL
    constraints: {approvals_required: 2, approver_group: sre, approval_scope: once}
  - id: blocked-agent
    match: {labels: {agent.id: ci-legacy}}
    decision: DENY
`;

export const MERGE_POLICY = `version: v1
rules:
  - id: writes
    match: {labels: {mcp.action: write}}
    decision: REQUIRE_APPROVAL
    constraints: {approver_group: sre, approval_scope: window, approval_window_min: 30, approval_ttl_min: 120, max_calls_per_minute: 5}
  - id: payments
    match: {labels: {mcp.server: payments}}
    decision: REQUIRE_APPROVAL
    constraints: {approver_group: finance, approval_scope: once, approval_window_min: 10, approvals_required: 3}
  - id: payments-read
    match: {labels: {mcp.server: payments, mcp.action: read}}
    decision: ALLOW
    constraints: {max_runtime_sec: 5}
`;

export const SERVER_LIST_POLICY = `version: v1
rules:
  - id: registered-only
    match: {mcp: {deny_servers_not_in: [github, "internal-*"]}}
    decision: DENY
  - id: allow-rest
    match: {}
    decision: ALLOW
`;

export const CATCH_ALL_POLICY = `version: v1
rules:
  - id: catch-all
    match: {}
    decision: ALLOW
`;

export const EMPTY_POLICY = `version: v1
rules: []
`;
