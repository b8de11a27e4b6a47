/** Output-safety classifier: pure TypeScript, no I/O. See docs/output-safety.md#verdicts. */
export type {
  CustomPattern,
  DetectorKindInfo,
  Finding,
  FindingCategory,
  InspectOptions,
  SafetyAction,
  Verdict,
} from "./types";
export { inspectOutput, QUARANTINED_OUTPUT } from "./inspect";
export { maskArguments } from "./mask";
export { checkPatternSafety } from "./safe-pattern";
export { DETECTOR_KINDS } from "./registry";
export { selfTest } from "./self-test";
export { DEFAULT_MIN_CONFIDENCE } from "./options";
