// Strictest-wins merging of constraints and the audit outcome of a decision. Every merge
// is commutative and associative, so rule order never changes the merged constraints.
import type { Constraints, Decision, Outcome } from "./types";

type NumericKey =
  | "max_runtime_sec"
  | "max_retries"
  | "max_calls_per_minute"
  | "approvals_required"
  | "approval_ttl_min"
  | "approval_window_min";

/** Lower is stricter for limits and time windows. */
const MIN_KEYS: readonly NumericKey[] = [
  "max_runtime_sec",
  "max_retries",
  "max_calls_per_minute",
  "approval_ttl_min",
  "approval_window_min",
];
/** Higher is stricter for the number of approvers. */
const MAX_KEYS: readonly NumericKey[] = ["approvals_required"];

export function hasConstraints(constraints: Constraints): boolean {
  for (const key in constraints) if (constraints[key as keyof Constraints] !== undefined) return true;
  return false;
}

/**
 * Merge `next` into `into` (mutates `into`). approval_scope "once" beats "window";
 * approver_group, which has no order of strictness, takes the lexicographically first
 * group so the result does not depend on rule order.
 */
export function mergeConstraintsInto(into: Constraints, next: Constraints): Constraints {
  for (const key of MIN_KEYS) {
    const value = next[key];
    if (value !== undefined) into[key] = into[key] === undefined ? value : Math.min(into[key] as number, value);
  }
  for (const key of MAX_KEYS) {
    const value = next[key];
    if (value !== undefined) into[key] = into[key] === undefined ? value : Math.max(into[key] as number, value);
  }
  if (next.approval_scope !== undefined) {
    into.approval_scope = into.approval_scope === "once" || next.approval_scope === "once" ? "once" : "window";
  }
  if (next.approver_group !== undefined) {
    into.approver_group =
      into.approver_group === undefined || next.approver_group < into.approver_group
        ? next.approver_group
        : into.approver_group;
  }
  // Lists are stricter the longer they are: every group must approve, every pointer stays bound.
  for (const key of ["approver_groups", "approval_bind_arguments"] as const) {
    const value = next[key];
    if (value !== undefined) into[key] = [...new Set([...(into[key] ?? []), ...value])].sort();
  }
  return into;
}

export function mergeConstraints(all: readonly Constraints[]): Constraints {
  const merged: Constraints = {};
  for (const constraints of all) mergeConstraintsInto(merged, constraints);
  return merged;
}

/** ALLOW with constraints → CONSTRAINTS; REQUIRE_APPROVAL → APPROVAL; DENY → DENY. */
export function outcomeOf(decision: Decision, constraints: Constraints): Outcome {
  if (decision === "DENY") return "DENY";
  if (decision === "REQUIRE_APPROVAL") return "APPROVAL";
  return hasConstraints(constraints) ? "CONSTRAINTS" : "ALLOW";
}
