/**
 * The held-out slice (~25 % of the corpus). Detector authors must not tune rules to its cases: only the bench
 * (`npm run bench:inspect`) reads it, and tests print only its totals, never its misses.
 */
import { fullCorpus, isHeldOut } from "../corpus";
import type { EvalCase } from "../types";
import { heldOutOnlyCases } from "./extra";

let cached: EvalCase[] | undefined;

/** The generated cases the split assigns here, plus the held-out-only wordings of `extra.ts`. */
export function heldOutCases(): EvalCase[] {
  cached ??= [...fullCorpus().filter(isHeldOut), ...heldOutOnlyCases()];
  return cached;
}
