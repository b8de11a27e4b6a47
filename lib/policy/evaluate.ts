// Decide one call against a compiled policy (docs/policy-language.md#evaluation): all matching rules are collected,
// DENY > REQUIRE_APPROVAL > ALLOW, only the winning decision's constraints merge
// (strictest wins), the reported rule is the first winner in file order, and no match
// means DENY with reason "no_rule_matched". The hot path allocates only the result.
import { COMPILED, comboOf, type CompiledPolicy, type CompiledRule } from "./compile";
import { labelValue } from "./conditions";
import { mergeConstraintsInto, outcomeOf } from "./constraints";
import {
  REASON_NO_RULE_MATCHED,
  REASON_RULE_MATCHED,
  type Constraints,
  type DecisionInput,
  type DecisionValue,
  type TraceEntry,
} from "./types";

function residualHolds(rule: CompiledRule, input: DecisionInput): boolean {
  const residual = rule.residual;
  for (let i = 0; i < residual.length; i++) if (!residual[i](input)) return false;
  return true;
}

function allConditionsHold(rule: CompiledRule, input: DecisionInput): boolean {
  for (const condition of rule.conditions) if (!condition.test(input)) return false;
  return true;
}

/** Matching rules in file order. */
function matchingRules(compiled: CompiledPolicy, input: DecisionInput): CompiledRule[] {
  const index = compiled[COMPILED];
  const matched: CompiledRule[] = [];
  const combo = comboOf(input);
  if (combo < 0) {
    // A value outside the closed label sets (untyped caller): the index cannot help.
    for (const rule of index.rules) if (allConditionsHold(rule, input)) matched.push(rule);
    return matched;
  }
  const bucket = index.buckets[combo];
  let last = -1;
  let inOrder = true;
  for (let k = 0; k < bucket.keyed.length; k++) {
    const value = labelValue(input, bucket.keyed[k].label);
    const filed = value === undefined ? undefined : bucket.keyed[k].rules.get(value);
    if (filed === undefined) continue;
    for (let i = 0; i < filed.length; i++) {
      const rule = filed[i];
      if (!residualHolds(rule, input)) continue;
      if (rule.index < last) inOrder = false;
      last = rule.index;
      matched.push(rule);
    }
  }
  const wild = bucket.wild;
  for (let i = 0; i < wild.length; i++) {
    const rule = wild[i];
    if (!residualHolds(rule, input)) continue;
    if (rule.index < last) inOrder = false;
    last = rule.index;
    matched.push(rule);
  }
  // Each rule is filed under one key, so lists never overlap; only their order needs fixing.
  if (!inOrder) matched.sort((a, b) => a.index - b.index);
  return matched;
}

export function evaluate(compiled: CompiledPolicy, input: DecisionInput, opts?: { trace?: boolean }): DecisionValue {
  const matched = matchingRules(compiled, input);
  const value = decide(matched);
  if (opts?.trace) value.trace = traceOf(compiled, input);
  return value;
}

function decide(matched: readonly CompiledRule[]): DecisionValue {
  const matchedRuleIds = new Array<string>(matched.length);
  if (matched.length === 0) {
    return {
      decision: "DENY",
      outcome: "DENY",
      ruleId: null,
      reason: REASON_NO_RULE_MATCHED,
      constraints: {},
      matchedRuleIds,
    };
  }
  let best = 0;
  for (let k = 0; k < matched.length; k++) {
    matchedRuleIds[k] = matched[k].id;
    if (matched[k].rank > best) best = matched[k].rank;
  }
  let winner: CompiledRule | null = null;
  const constraints: Constraints = {};
  for (const rule of matched) {
    if (rule.rank !== best) continue;
    if (winner === null) winner = rule;
    mergeConstraintsInto(constraints, rule.constraints);
  }
  const decision = (winner as CompiledRule).decision;
  return {
    decision,
    outcome: outcomeOf(decision, constraints),
    ruleId: (winner as CompiledRule).id,
    reason: REASON_RULE_MATCHED,
    constraints,
    matchedRuleIds,
  };
}

/** Every rule in file order: all reasons when it matched, else the first condition that failed. */
function traceOf(compiled: CompiledPolicy, input: DecisionInput): TraceEntry[] {
  return compiled[COMPILED].rules.map((rule) => {
    const reasons: string[] = [];
    let matched = true;
    for (const condition of rule.conditions) {
      const { ok, reason } = condition.explain(input);
      if (!ok) {
        matched = false;
        reasons.length = 0;
        reasons.push(reason);
        break;
      }
      reasons.push(reason);
    }
    if (rule.conditions.length === 0) reasons.push("empty match: matches every call");
    return { ruleId: rule.id, matched, decision: rule.decision, reasons };
  });
}
