/**
 * The held-out slice (~25 % of the corpus). Detector authors must not tune rules to its cases: only the bench
 * (`npm run bench:inspect`) reads it, and tests print only its totals, never its misses.
 */
import { fullCorpus, isHeldOut } from "../corpus";
import type { EvalCase } from "../types";

export function heldOutCases(): EvalCase[] {
  return fullCorpus().filter(isHeldOut);
}
