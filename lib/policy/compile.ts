// Compile a policy to an index. The closed labels (action × environment × risk: 27
// combos) are resolved at compile time. Within a combo, each rule is filed under ONE key:
// the first of mcp.server, mcp.tool, agent.id, agent.owner that it restricts to exact
// values (under each of those values), or in the combo's wildcard list when it has none.
// A call then checks only the rules filed under its own server, tool, agent and owner
// plus the wildcard list, and only on what the index did not decide.
import { compileAnyOf, isGlob } from "./glob";
import { compileConditions, type Condition } from "./conditions";
import { policyHash } from "./hash";
import {
  ACTION_CLASSES,
  ENVIRONMENTS,
  RISKS,
  type Constraints,
  type Decision,
  type DecisionInput,
  type Label,
  type Policy,
} from "./types";
import { validatePolicyData, type ValidationIssue } from "./validate";

// Symbol.for: a compiled policy cached on globalThis is read by every bundle of this module in the
// process (the custom server and the Next.js build each load their own copy).
export const COMPILED: unique symbol = Symbol.for("mcp-governance.compiled-policy");

export interface CompiledRule {
  index: number;
  id: string;
  decision: Decision;
  /** 0 ALLOW, 1 REQUIRE_APPROVAL, 2 DENY: higher wins. */
  rank: number;
  constraints: Constraints;
  conditions: readonly Condition[];
  /** The exact-valued label the rule is filed under, or null (wildcard list). */
  key: { label: KeyLabel; values: readonly string[] } | null;
  /** Conditions the index does not decide. */
  residual: readonly ((input: DecisionInput) => boolean)[];
}

/** Labels a rule can be filed under, in order of preference. */
export const KEY_LABELS = ["mcp.server", "mcp.tool", "agent.id", "agent.owner"] as const satisfies readonly Label[];
export type KeyLabel = (typeof KEY_LABELS)[number];

/** Rules of one (action, environment, risk) combo, each list in file order. */
export interface Bucket {
  /** Only the key labels some rule of this combo is filed under. */
  keyed: readonly { label: KeyLabel; rules: Map<string, readonly CompiledRule[]> }[];
  wild: readonly CompiledRule[];
}

export interface PolicyIndex {
  rules: readonly CompiledRule[];
  buckets: readonly Bucket[];
}

/** A compiled policy: opaque to callers except for its source policy, hash and size. */
export interface CompiledPolicy {
  readonly policy: Policy;
  readonly hash: string;
  readonly ruleCount: number;
  readonly [COMPILED]: PolicyIndex;
}

export class InvalidPolicyError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(`invalid policy: ${issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    this.name = "InvalidPolicyError";
  }
}

const RANK: Record<Decision, number> = { ALLOW: 0, REQUIRE_APPROVAL: 1, DENY: 2 };
const COMBOS = ACTION_CLASSES.length * ENVIRONMENTS.length * RISKS.length;

/** Index of (action, environment, risk) in 0..26, or -1 for a value outside the closed sets. */
export function comboOf(input: DecisionInput): number {
  const a = input.action === "read" ? 0 : input.action === "write" ? 1 : input.action === "admin" ? 2 : -1;
  const e =
    input.environment === "production"
      ? 2
      : input.environment === "staging"
        ? 1
        : input.environment === "development"
          ? 0
          : -1;
  const r = input.risk === "low" ? 0 : input.risk === "medium" ? 1 : input.risk === "high" ? 2 : -1;
  return a < 0 || e < 0 || r < 0 ? -1 : a * 9 + e * 3 + r;
}

/** Validates (throws InvalidPolicyError) and compiles a policy for evaluate(). */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const validated = validatePolicyData(policy);
  if (!validated.ok) throw new InvalidPolicyError(validated.issues);
  const rules = validated.policy.rules.map((rule, index): CompiledRule => {
    const conditions = compileConditions(rule.match);
    const key = keyCondition(conditions);
    return {
      index,
      id: rule.id,
      decision: rule.decision,
      rank: RANK[rule.decision],
      constraints: rule.constraints ?? {},
      conditions,
      key: key === undefined ? null : { label: key.label as KeyLabel, values: key.patterns },
      residual: conditions.filter((c) => c !== key && !isClosed(c)).map((c) => c.test),
    };
  });
  return {
    policy: validated.policy,
    hash: policyHash(validated.policy),
    ruleCount: rules.length,
    [COMPILED]: { rules, buckets: buildBuckets(rules) },
  };
}

function buildBuckets(rules: readonly CompiledRule[]): Bucket[] {
  const buckets = Array.from({ length: COMBOS }, () => ({
    keyed: KEY_LABELS.map((label) => ({ label, rules: new Map<string, CompiledRule[]>() })),
    wild: [] as CompiledRule[],
  }));
  for (const rule of rules) {
    for (const combo of combosOf(rule)) {
      const bucket = buckets[combo];
      if (rule.key === null) {
        bucket.wild.push(rule);
        continue;
      }
      const map = bucket.keyed[KEY_LABELS.indexOf(rule.key.label)].rules;
      for (const value of new Set(rule.key.values)) {
        const list = map.get(value);
        if (list === undefined) map.set(value, [rule]);
        else list.push(rule);
      }
    }
  }
  return buckets.map((bucket) => ({ keyed: bucket.keyed.filter((k) => k.rules.size > 0), wild: bucket.wild }));
}

const CLOSED = new Set<string>(["mcp.action", "mcp.environment", "mcp.risk"]);

function isClosed(condition: Condition): boolean {
  return condition.positive && condition.label !== null && CLOSED.has(condition.label);
}

/** The condition the rule is filed under: positive, exact values only, first in KEY_LABELS order. */
function keyCondition(conditions: readonly Condition[]): Condition | undefined {
  for (const label of KEY_LABELS) {
    const found = conditions.find((c) => c.positive && c.label === label && c.patterns.every((p) => !isGlob(p)));
    if (found) return found;
  }
  return undefined;
}

function allowedValues(rule: CompiledRule, label: string, values: readonly string[]): readonly number[] {
  const condition = rule.conditions.find((c) => c.positive && c.label === label);
  const matches = condition ? compileAnyOf(condition.patterns) : () => true;
  return values.flatMap((value, i) => (matches(value) ? [i] : []));
}

function combosOf(rule: CompiledRule): number[] {
  const combos: number[] = [];
  for (const a of allowedValues(rule, "mcp.action", ACTION_CLASSES))
    for (const e of allowedValues(rule, "mcp.environment", ENVIRONMENTS))
      for (const r of allowedValues(rule, "mcp.risk", RISKS)) combos.push(a * 9 + e * 3 + r);
  return combos;
}
