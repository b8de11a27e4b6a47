/** The dev part of the corpus (~75 %): what `eval.test.ts` runs and detector authors may study. */
import { fullCorpus, isHeldOut } from "./corpus";
import type { EvalCase } from "./types";

export function devCases(): EvalCase[] {
  return fullCorpus().filter((c) => !isHeldOut(c));
}
