// Rule-level diff of two policy sources: which rules were added, changed or removed,
// and for each only the YAML lines that differ. Rules are matched by id, so moving a
// rule is not a change (order does not change decisions).
import { diffLines } from "diff";
import { parsePolicy } from "./parse";
import { serializePolicy } from "./serialize";
import type { Rule } from "./types";

export interface DiffLine {
  kind: "added" | "removed";
  text: string;
}

export interface RuleChange {
  ruleId: string;
  change: "added" | "changed" | "removed";
  lines: DiffLine[];
}

export type SemanticDiff =
  | { ok: true; changes: RuleChange[]; added: number; changed: number; removed: number }
  | { ok: false; side: "before" | "after"; message: string };

function ruleYaml(rule: Rule): string {
  return serializePolicy({ version: "v1", rules: [rule] })
    .replace(/^version: v1\nrules:\n {2}- /, "")
    .replace(/^ {4}/gm, "");
}

function changedLines(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const part of diffLines(before, after)) {
    if (!part.added && !part.removed) continue;
    for (const text of part.value.replace(/\n$/, "").split("\n"))
      lines.push({ kind: part.added ? "added" : "removed", text });
  }
  return lines;
}

/** An empty `before` means nothing is live yet: every rule of `after` counts as added. */
export function semanticPolicyDiff(before: string, after: string): SemanticDiff {
  const rulesOf = (source: string, side: "before" | "after") => {
    if (side === "before" && source.trim() === "") return { ok: true as const, rules: [] as Rule[] };
    const parsed = parsePolicy(source);
    return parsed.ok
      ? { ok: true as const, rules: parsed.policy.rules }
      : { ok: false as const, message: parsed.errors[0]?.message ?? "does not parse" };
  };
  const a = rulesOf(before, "before");
  if (!a.ok) return { ok: false, side: "before", message: a.message };
  const b = rulesOf(after, "after");
  if (!b.ok) return { ok: false, side: "after", message: b.message };

  const beforeById = new Map(a.rules.map((r) => [r.id, r]));
  const afterIds = new Set(b.rules.map((r) => r.id));
  const changes: RuleChange[] = [];
  for (const rule of b.rules) {
    const old = beforeById.get(rule.id);
    const next = ruleYaml(rule);
    if (!old) changes.push({ ruleId: rule.id, change: "added", lines: changedLines("", next) });
    else {
      const prev = ruleYaml(old);
      if (prev !== next) changes.push({ ruleId: rule.id, change: "changed", lines: changedLines(prev, next) });
    }
  }
  for (const rule of a.rules)
    if (!afterIds.has(rule.id))
      changes.push({ ruleId: rule.id, change: "removed", lines: changedLines(ruleYaml(rule), "") });
  const count = (c: RuleChange["change"]) => changes.filter((x) => x.change === c).length;
  return { ok: true, changes, added: count("added"), changed: count("changed"), removed: count("removed") };
}
