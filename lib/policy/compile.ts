// Compile a policy to an index: the closed labels (action × environment × risk, 27 combos)
// are resolved at compile time, and within each combo rules are bucketed by exact
// server name plus one bucket of rules that can match any server. A call then only
// checks the rules of its combo's server bucket and wildcard bucket, and only on what
// the index could not decide (tool, agent, server globs, server lists, arguments).
import { compileAnyOf } from "./glob";
import { compileConditions, type Condition } from "./conditions";
import { policyHash } from "./hash";
import { ACTION_CLASSES, ENVIRONMENTS, RISKS, type Constraints, type Decision, type DecisionInput, type Policy } from "./types";
import { validatePolicyData, type ValidationIssue } from "./validate";

export const COMPILED: unique symbol = Symbol("compiled-policy");

export interface CompiledRule {
  index: number;
  id: string;
  decision: Decision;
  /** 0 ALLOW, 1 REQUIRE_APPROVAL, 2 DENY: higher wins. */
  rank: number;
  constraints: Constraints;
  conditions: readonly Condition[];
  /** Conditions the index does not decide. */
  residual: readonly ((input: DecisionInput) => boolean)[];
}

/** Rules of one (action, environment, risk) combo; evaluate() walks exact[server] and wild together in file order. */
export interface Bucket {
  exact: Map<string, readonly CompiledRule[]>;
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
  const e = input.environment === "production" ? 2 : input.environment === "staging" ? 1 : input.environment === "development" ? 0 : -1;
  const r = input.risk === "low" ? 0 : input.risk === "medium" ? 1 : input.risk === "high" ? 2 : -1;
  return a < 0 || e < 0 || r < 0 ? -1 : a * 9 + e * 3 + r;
}

/** Validates (throws InvalidPolicyError) and compiles a policy for evaluate(). */
export function compilePolicy(policy: Policy): CompiledPolicy {
  const validated = validatePolicyData(policy);
  if (!validated.ok) throw new InvalidPolicyError(validated.issues);
  const rules = validated.policy.rules.map((rule, index): CompiledRule => {
    const conditions = compileConditions(rule.match);
    return {
      index,
      id: rule.id,
      decision: rule.decision,
      rank: RANK[rule.decision],
      constraints: rule.constraints ?? {},
      conditions,
      residual: conditions.filter((c) => !indexed(c)).map((c) => c.test),
    };
  });
  const buckets: { exact: Map<string, CompiledRule[]>; wild: CompiledRule[] }[] = [];
  for (let combo = 0; combo < COMBOS; combo++) buckets.push({ exact: new Map(), wild: [] });
  for (const rule of rules) {
    const servers = serversOf(rule);
    for (const combo of combosOf(rule)) {
      const bucket = buckets[combo];
      if (servers === null) bucket.wild.push(rule);
      else for (const server of servers) push(bucket.exact, server, rule);
    }
  }
  return { policy: validated.policy, hash: policyHash(validated.policy), ruleCount: rules.length, [COMPILED]: { rules, buckets } };
}

const CLOSED = new Set(["mcp.action", "mcp.environment", "mcp.risk"]);

function indexed(condition: Condition): boolean {
  if (!condition.positive || condition.label === null) return false;
  if (CLOSED.has(condition.label)) return true;
  return condition.label === "mcp.server" && condition.patterns.every((p) => !p.includes("*"));
}

/** Exact server names the rule is limited to, or null when it may match any server. */
function serversOf(rule: CompiledRule): readonly string[] | null {
  const server = rule.conditions.find((c) => c.positive && c.label === "mcp.server");
  return server !== undefined && indexed(server) ? server.patterns : null;
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

function push(map: Map<string, CompiledRule[]>, key: string, rule: CompiledRule): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [rule]);
  else if (list[list.length - 1] !== rule) list.push(rule);
}
