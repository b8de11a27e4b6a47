// Rule edits applied to the YAML document itself (the `yaml` Document API), so the
// file's comments, key order and quoting survive a form edit; only the edited rule's
// node is rewritten, and inside it only the values that changed.
import { type Document, isMap, isScalar, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from "yaml";
import { serializePolicy } from "./serialize";
import type { Rule } from "./types";

export type RuleEdit =
  | { kind: "add"; rule: Rule }
  | { kind: "replace"; index: number; rule: Rule }
  | { kind: "remove"; index: number };

function ruleNode(rule: Rule): YAMLMap {
  // Build the node from the canonical serialisation so flow-style label lists match the house format.
  const doc = parseDocument(serializePolicy({ version: "v1", rules: [rule] }));
  const rules = doc.get("rules", true) as YAMLSeq;
  return rules.items[0] as YAMLMap;
}

/** Copy `next` into `target` key by key: unchanged scalars keep their node (quotes, comments). */
function mergeInto(doc: Document, target: YAMLMap, next: YAMLMap): void {
  const nextKeys = new Set(next.items.map(keyOf));
  for (const pair of [...target.items]) {
    const key = keyOf(pair);
    if (!nextKeys.has(key)) target.delete(key);
  }
  for (const pair of next.items) {
    const key = keyOf(pair);
    const current = target.get(key, true);
    const value = pair.value;
    if (current === undefined) insertInOrder(target, next, pair);
    else if (isMap(current) && isMap(value)) mergeInto(doc, current, value);
    else if (isScalar(current) && isScalar(value)) {
      if (current.value !== value.value) current.value = value.value;
    } else if (JSON.stringify(toJs(current)) !== JSON.stringify(toJs(value))) target.set(key, value);
  }
}

const keyOf = (pair: { key: unknown }) => String((pair.key as { value?: unknown })?.value ?? pair.key);

/** A new key goes right after the nearest key that precedes it in the canonical order, not at the end. */
function insertInOrder(target: YAMLMap, next: YAMLMap, pair: YAMLMap["items"][number]): void {
  const order = next.items.map(keyOf);
  const rank = order.indexOf(keyOf(pair));
  let at = 0;
  target.items.forEach((p, i) => {
    if (order.indexOf(keyOf(p)) < rank) at = i + 1;
  });
  target.items.splice(at, 0, pair);
}

function toJs(node: unknown): unknown {
  return node && typeof node === "object" && "toJSON" in node ? (node as { toJSON: () => unknown }).toJSON() : node;
}

/** Applies one rule edit to `source`, which must already parse as a policy. */
export function applyRuleEdit(source: string, edit: RuleEdit): string {
  const doc = parseDocument(source);
  let rules = doc.get("rules", true);
  if (!isSeq(rules)) {
    doc.set("rules", doc.createNode([]));
    rules = doc.get("rules", true) as YAMLSeq;
  }
  const seq = rules as YAMLSeq;
  if (edit.kind === "add") seq.items.push(ruleNode(edit.rule));
  else if (edit.kind === "remove") seq.items.splice(edit.index, 1);
  else {
    const target = seq.items[edit.index];
    if (isMap(target)) mergeInto(doc, target, ruleNode(edit.rule));
    else seq.items[edit.index] = ruleNode(edit.rule);
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
