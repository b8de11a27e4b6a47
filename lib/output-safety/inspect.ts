/** inspectOutput: the verdict on one tool output. Precedence QUARANTINE > REDACT > ALLOW. */
import { leavesWithHits } from "./batch";
import { classifyFieldName } from "./context";
import { CVV_KEY } from "./pii";
import { namesNationalId } from "./pii-national";
import { namesPersonalField } from "./pii-personal";
import { propagateFindings } from "./propagate";
import { resolveOptions } from "./options";
import { redactionLabel, redactText } from "./redact";
import { resolveFindings } from "./resolve";
import { newBudget, newScan, scanText } from "./scan";
import type { Finding, InspectOptions, RawFinding, ResolvedOptions, ScanBudget, Verdict } from "./types";
import { collectLeaves, replaceLeaves, type Leaf, type WalkOptions } from "./walk";

/** What `output` holds on QUARANTINE: the original is withheld (the caller stores it for review). */
export const QUARANTINED_OUTPUT = "[WITHHELD: this tool output was quarantined for review]";

export const FIELD_WALK: WalkOptions = { tagOf: (key) => classifyFieldName(key)?.kind };

/** Resolved findings for one leaf. */
export function scanLeaf(leaf: Leaf, opts: ResolvedOptions, budget: ScanBudget): RawFinding[] {
  const scan = newScan(leaf.text, opts, budget, leaf.key, leaf.siblings);
  return resolveFindings(scanText(scan), opts.minConfidence);
}

/** A leaf whose field name alone can make it a finding (`password`, `cvv`, …) is always scanned. */
const fieldMatters = (key: string | undefined): boolean =>
  key !== undefined &&
  (classifyFieldName(key)?.category === "secret" ||
    CVV_KEY.test(key) ||
    namesNationalId(key) ||
    namesPersonalField(key));

/** Resolved findings for every leaf; many small leaves go through the batch prefilter first. */
export function scanLeaves(
  leaves: readonly Leaf[],
  opts: ResolvedOptions,
  budget: ScanBudget,
  batch = true,
): RawFinding[][] {
  const marked = batch
    ? leavesWithHits(
        leaves.map((l) => l.text),
        opts,
      )
    : null;
  return leaves.map((leaf, i) =>
    marked === null || marked[i] === 1 || fieldMatters(leaf.key) ? scanLeaf(leaf, opts, budget) : [],
  );
}

/** Redacted text of a leaf; a number under a sensitive field becomes one label string. */
export function redactLeaf(leaf: Leaf, found: readonly RawFinding[]): string | undefined {
  const redactable = found.filter((f) => f.category !== "steering");
  if (redactable.length === 0) return undefined;
  return leaf.numeric ? redactionLabel(redactable[0].kind) : redactText(leaf.text, redactable);
}

/** A value found once is masked wherever it appears in the output (see propagate.ts). */
export function withEveryOccurrence(leaves: readonly Leaf[], perLeaf: RawFinding[][]): RawFinding[][] {
  if (!perLeaf.some((found) => found.some((f) => f.category !== "steering"))) return perLeaf;
  return propagateFindings(
    leaves.map((l) => l.text),
    perLeaf,
  );
}

const round = (c: number): number => Math.round(c * 1000) / 1000;

export function inspectOutput(output: unknown, opts?: InspectOptions): Verdict {
  const resolved = resolveOptions(opts, true);
  const budget = newBudget();
  const leaves = collectLeaves(output, FIELD_WALK);
  const perLeaf = withEveryOccurrence(leaves, scanLeaves(leaves, resolved, budget));
  const findings: Finding[] = [];
  perLeaf.forEach((found, i) => {
    for (const f of found) {
      findings.push({
        kind: f.kind,
        path: leaves[i].path,
        start: f.start,
        end: f.end,
        confidence: round(f.confidence),
        category: f.category,
      });
    }
  });
  if (findings.some((f) => f.category === "steering"))
    return { action: "QUARANTINE", output: QUARANTINED_OUTPUT, findings };
  if (findings.length === 0) return { action: "ALLOW", output, findings };
  const replacements = leaves.map((leaf, i) => redactLeaf(leaf, perLeaf[i]));
  return { action: "REDACT", output: replaceLeaves(output, FIELD_WALK, replacements), findings };
}
