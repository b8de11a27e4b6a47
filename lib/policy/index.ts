// Public API of the policy engine. Pure: no I/O, no database, no framework imports.
export type {
  ActionClass,
  ArgumentMatcher,
  Constraints,
  Decision,
  DecisionInput,
  DecisionValue,
  Environment,
  Label,
  Outcome,
  ParseResult,
  Policy,
  PolicyError,
  Risk,
  Rule,
  RuleMatch,
  TraceEntry,
} from "./types";
export {
  ACTION_CLASSES,
  DECISIONS,
  ENVIRONMENTS,
  LABELS,
  REASON_NO_RULE_MATCHED,
  REASON_RULE_MATCHED,
  RISKS,
} from "./types";
export { parsePolicy, MAX_ALIAS_COUNT, MAX_POLICY_BYTES } from "./parse";
export { policyHash, requestHash, requestHashParts, useSha256, type RequestIdentity } from "./hash";
export { compilePolicy, InvalidPolicyError, type CompiledPolicy } from "./compile";
export { evaluate } from "./evaluate";
export { outcomeOf, mergeConstraints } from "./constraints";
export { serializePolicy } from "./serialize";
export { validatePolicyData, type ValidationIssue } from "./validate";
export { policySchema } from "./schema";
export { semanticPolicyDiff, type RuleChange, type SemanticDiff, type DiffLine } from "./semantic-diff";
export { applyRuleEdit, type RuleEdit } from "./edit-document";
