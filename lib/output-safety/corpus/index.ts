/** The classifier's table-driven corpus: secrets, PII, steering, and everyday look-alikes. */
import { BENIGN_CASES } from "./benign";
import type { CorpusCase } from "./case";
import { PII_CASES } from "./pii";
import { NATIONAL_ID_CASES } from "./pii-national";
import { VENDOR_CASES } from "./secrets";
import { MORE_VENDOR_CASES } from "./secrets-more";
import { STRUCTURED_CASES } from "./secrets-structured";
import { STEERING_CASES } from "./steering";

export type { CorpusCase } from "./case";

export const CORPUS: readonly CorpusCase[] = [
  ...VENDOR_CASES,
  ...MORE_VENDOR_CASES,
  ...STRUCTURED_CASES,
  ...PII_CASES,
  ...NATIONAL_ID_CASES,
  ...STEERING_CASES,
  ...BENIGN_CASES,
];
