// One rule's match block as a list of conditions. Each condition can test a call fast
// (hot path) and explain itself (trace); both use the same compiled matcher.
import { compileAnyOf, type StringMatcher } from "./glob";
import { parsePointer, resolvePointer, UNRESOLVED } from "./json-pointer";
import { compileSafeRegex } from "./safe-regex";
import { LABELS, type DecisionInput, type Label, type RuleMatch } from "./types";

export interface Condition {
  /** Which label the condition reads, for indexing; null for arguments. */
  label: Label | null;
  /** True when the condition only restricts the label to the listed values (indexable). */
  positive: boolean;
  /** The patterns of a positive label condition. */
  patterns: readonly string[];
  test(input: DecisionInput): boolean;
  /** Why the condition holds or fails for this call. */
  explain(input: DecisionInput): { ok: boolean; reason: string };
}

export function labelValue(input: DecisionInput, label: Label): string | undefined {
  switch (label) {
    case "mcp.server":
      return input.server;
    case "mcp.tool":
      return input.tool;
    case "mcp.action":
      return input.action;
    case "mcp.risk":
      return input.risk;
    case "mcp.environment":
      return input.environment;
    case "agent.id":
      return input.agentId;
    case "agent.owner":
      return input.agentOwner;
  }
}

const show = (value: unknown): string => {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

function labelCondition(label: Label, value: string | string[]): Condition {
  const patterns = typeof value === "string" ? [value] : value;
  const matches: StringMatcher = compileAnyOf(patterns);
  const test = (input: DecisionInput): boolean => {
    const actual = labelValue(input, label);
    return actual !== undefined && matches(actual);
  };
  return {
    label,
    positive: true,
    patterns,
    test,
    explain(input) {
      const actual = labelValue(input, label);
      if (actual === undefined) return { ok: false, reason: `${label} is absent` };
      const ok = matches(actual);
      return { ok, reason: `${label} ${show(actual)} ${ok ? "matches" : "does not match"} ${show(value)}` };
    },
  };
}

function serverNotInCondition(servers: readonly string[]): Condition {
  const listed = compileAnyOf(servers);
  return {
    label: "mcp.server",
    positive: false,
    patterns: servers,
    test: (input) => !listed(input.server),
    explain(input) {
      const ok = !listed(input.server);
      return {
        ok,
        reason: `mcp.server ${show(input.server)} is ${ok ? "not " : ""}in deny_servers_not_in ${show(servers)}`,
      };
    },
  };
}

type ValueTest = (actual: unknown) => boolean;

function argumentValueTest(expected: unknown): ValueTest {
  if (typeof expected === "string") {
    const matches = compileAnyOf([expected]);
    return (actual) => typeof actual === "string" && matches(actual);
  }
  if (expected !== null && typeof expected === "object") {
    const compiled = compileSafeRegex((expected as { regex: string }).regex);
    if (!compiled.ok) throw new Error(`unsafe regex reached the compiler: ${compiled.message}`);
    return (actual) => typeof actual === "string" && compiled.test(actual);
  }
  return (actual) => actual === expected; // numbers, booleans, null: JSON equality
}

function argumentCondition(pointer: string, expected: unknown): Condition {
  const tokens = parsePointer(pointer);
  if (typeof tokens === "string") throw new Error(`invalid JSON pointer reached the compiler: ${tokens}`);
  const matches = argumentValueTest(expected);
  const test = (input: DecisionInput): boolean => {
    const actual = resolvePointer(input.arguments, tokens);
    return actual !== UNRESOLVED && matches(actual);
  };
  return {
    label: null,
    positive: false,
    patterns: [],
    test,
    explain(input) {
      const actual = resolvePointer(input.arguments, tokens);
      if (actual === UNRESOLVED) return { ok: false, reason: `argument ${pointer} does not resolve` };
      const ok = matches(actual);
      return {
        ok,
        reason: `argument ${pointer} ${show(actual)} ${ok ? "matches" : "does not match"} ${show(expected)}`,
      };
    },
  };
}

/** Conditions in a fixed order: labels (in LABELS order), then the server list, then arguments. */
export function compileConditions(match: RuleMatch): Condition[] {
  const conditions: Condition[] = [];
  const labels = match.labels ?? {};
  for (const label of LABELS) {
    const value = labels[label];
    if (value !== undefined) conditions.push(labelCondition(label, value));
  }
  const notIn = match.mcp?.deny_servers_not_in;
  if (notIn !== undefined) conditions.push(serverNotInCondition(notIn));
  for (const [pointer, expected] of Object.entries(match.arguments ?? {}))
    conditions.push(argumentCondition(pointer, expected));
  return conditions;
}
