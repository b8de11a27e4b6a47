// Validation of a policy as plain data (from YAML, JSON or the database): the zod schema
// plus the checks that span fields. Returns every issue at once, each with its path.
import { policySchema } from "./schema";
import type { Policy, Rule } from "./types";

export type IssuePath = (string | number)[];

export interface ValidationIssue {
  path: IssuePath;
  message: string;
  /** Point at the mapping key rather than its value (unknown or bad keys). */
  at: "key" | "value";
}

export type ValidationResult = { ok: true; policy: Policy } | { ok: false; issues: ValidationIssue[] };

const LABEL_LIST = "mcp.server, mcp.tool, mcp.action, mcp.risk, mcp.environment, agent.id, agent.owner";

export function validatePolicyData(data: unknown): ValidationResult {
  const issues: ValidationIssue[] = [];
  const parsed = policySchema.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      if (issue.code === "unrecognized_keys") {
        const inLabels = path[path.length - 1] === "labels";
        for (const key of issue.keys) {
          const message = inLabels ? `unknown label "${key}" (labels: ${LABEL_LIST})` : `unknown field "${key}"`;
          issues.push({ path: [...path, key], message, at: "key" });
        }
        continue;
      }
      const params = issue.code === "custom" ? (issue.params as { at?: string } | undefined) : undefined;
      const missing = issue.code !== "custom" && path.length > 0 && isMissing(data, path);
      issues.push({
        path,
        message: missing ? `${String(path[path.length - 1])} is required` : issue.message,
        at: params?.at === "key" ? "key" : "value",
      });
    }
  }
  issues.push(...crossFieldIssues(data));
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, policy: canonicalPolicy(parsed.data as Policy) };
}

/** Duplicate ids and constraints on DENY, checked on raw data so they surface with shape errors. */
function crossFieldIssues(data: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const rules = isRecord(data) && Array.isArray(data.rules) ? data.rules : [];
  const firstIndex = new Map<string, number>();
  rules.forEach((rule: unknown, index: number) => {
    if (!isRecord(rule)) return;
    if (typeof rule.id === "string") {
      const first = firstIndex.get(rule.id);
      if (first === undefined) firstIndex.set(rule.id, index);
      else
        issues.push({
          path: ["rules", index, "id"],
          message: `duplicate id "${rule.id}" (first used by rules[${first}])`,
          at: "value",
        });
    }
    if (rule.decision === "DENY" && rule.constraints !== undefined) {
      issues.push({
        path: ["rules", index, "constraints"],
        message: "constraints are not allowed on a DENY rule",
        at: "key",
      });
    }
  });
  return issues;
}

/** Rebuild the policy with a fixed key order and optional fields absent (never undefined). */
export function canonicalPolicy(policy: Policy): Policy {
  return { version: policy.version, rules: policy.rules.map(canonicalRule) };
}

function canonicalRule(rule: Rule): Rule {
  const { labels, mcp, arguments: args } = rule.match;
  return {
    id: rule.id,
    ...(rule.description !== undefined && { description: rule.description }),
    match: {
      ...(labels !== undefined && { labels: stripUndefined(labels) }),
      ...(mcp !== undefined && { mcp: stripUndefined(mcp) }),
      ...(args !== undefined && { arguments: { ...args } }),
    },
    decision: rule.decision,
    ...(rule.constraints !== undefined && { constraints: stripUndefined(rule.constraints) }),
  };
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The last key of `path` is absent from an object that exists. */
function isMissing(data: unknown, path: IssuePath): boolean {
  let parent = data;
  for (const segment of path.slice(0, -1)) {
    if (parent === null || typeof parent !== "object") return false;
    parent = (parent as Record<string | number, unknown>)[segment];
  }
  return isRecord(parent) && !Object.hasOwn(parent, path[path.length - 1]);
}
