// Public types of the policy engine (docs/policy-language.md). Everything here is plain data.

export type Decision = "ALLOW" | "REQUIRE_APPROVAL" | "DENY";
export type Outcome = "ALLOW" | "CONSTRAINTS" | "APPROVAL" | "DENY";
export type ActionClass = "read" | "write" | "admin";
export type Risk = "low" | "medium" | "high";
export type Environment = "development" | "staging" | "production";

export const DECISIONS: readonly Decision[] = ["ALLOW", "REQUIRE_APPROVAL", "DENY"];
export const ACTION_CLASSES: readonly ActionClass[] = ["read", "write", "admin"];
export const RISKS: readonly Risk[] = ["low", "medium", "high"];
export const ENVIRONMENTS: readonly Environment[] = ["development", "staging", "production"];

export const LABELS = [
  "mcp.server",
  "mcp.tool",
  "mcp.action",
  "mcp.risk",
  "mcp.environment",
  "agent.id",
  "agent.owner",
] as const;
export type Label = (typeof LABELS)[number];

export interface Constraints {
  max_runtime_sec?: number;
  max_retries?: number;
  max_calls_per_minute?: number;
  approvals_required?: number;
  approval_ttl_min?: number;
  approver_group?: string;
  /** Four eyes across teams: one approval from each listed group. */
  approver_groups?: string[];
  approval_scope?: "once" | "window";
  approval_window_min?: number;
  /** For a standing approval: the JSON pointers of the arguments it stays bound to. */
  approval_bind_arguments?: string[];
}

/** An argument matcher: string exact/glob, JSON scalar by equality, or a safe regex on strings. */
export type ArgumentMatcher = string | number | boolean | null | { regex: string };

export interface RuleMatch {
  /** Label (one of LABELS) → exact string or glob, or a list meaning any of them. */
  labels?: Record<string, string | string[]>;
  mcp?: { deny_servers_not_in?: string[] };
  /** RFC 6901 JSON pointer → ArgumentMatcher. */
  arguments?: Record<string, unknown>;
}

export interface Rule {
  id: string;
  description?: string;
  match: RuleMatch;
  decision: Decision;
  constraints?: Constraints;
}

export interface Policy {
  version: "v1";
  rules: Rule[];
}

/** One validation problem; `line`/`column` are 1-based, `field` e.g. `rules[1].decision`. */
export interface PolicyError {
  line: number;
  column: number;
  field: string;
  message: string;
}

export type ParseResult =
  | { ok: true; policy: Policy; hash: string; canonical: string }
  | { ok: false; errors: PolicyError[] };

export interface DecisionInput {
  environment: Environment;
  server: string;
  tool: string;
  action: ActionClass;
  risk: Risk;
  agentId?: string;
  agentOwner?: string;
  arguments?: unknown;
}

export interface TraceEntry {
  ruleId: string;
  matched: boolean;
  decision: Decision;
  /** Every condition that held (matched rule) or the first condition that failed. */
  reasons: string[];
}

export interface DecisionValue {
  decision: Decision;
  outcome: Outcome;
  ruleId: string | null;
  reason: string;
  constraints: Constraints;
  trace?: TraceEntry[];
  matchedRuleIds: string[];
}

/** Machine words used in `DecisionValue.reason`. */
export const REASON_RULE_MATCHED = "rule_matched";
export const REASON_NO_RULE_MATCHED = "no_rule_matched";
