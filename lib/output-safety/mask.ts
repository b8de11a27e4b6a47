/** maskArguments: tool-call arguments made safe to store. Same JSON shape; never quarantines. */
import { FIELD_WALK, redactLeaf, scanLeaves, withEveryOccurrence } from "./inspect";
import { resolveOptions } from "./options";
import { redactionLabel } from "./redact";
import { newBudget } from "./scan";
import { collectLeaves, replaceLeaves } from "./walk";

/**
 * Every string or number under a sensitive field name (password, secret, token, api_key,
 * authorization, ssn, card, cvv, iban, phone, email, … — and everything nested below one) becomes
 * "[REDACTED:<kind>]"; elsewhere detected secrets and PII are redacted in place.
 */
export function maskArguments(args: unknown): unknown {
  const opts = resolveOptions(undefined, false);
  const budget = newBudget();
  const leaves = collectLeaves(args, FIELD_WALK);
  const found = withEveryOccurrence(leaves, scanLeaves(leaves, opts, budget));
  const replacements = leaves.map((leaf, i) =>
    leaf.tag !== undefined && leaf.text.length > 0 ? redactionLabel(leaf.tag) : redactLeaf(leaf, found[i]),
  );
  return replacements.some((r) => r !== undefined) ? replaceLeaves(args, FIELD_WALK, replacements) : args;
}
