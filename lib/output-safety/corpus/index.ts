/** The classifier's table-driven corpus: secrets, PII, steering, and everyday look-alikes. */
import { BENIGN_CASES } from "./benign";
import type { CorpusCase } from "./case";
import { PII_CASES } from "./pii";
import { NATIONAL_ID_CASES } from "./pii-national";
import { VENDOR_CASES } from "./secrets";
import { MORE_VENDOR_CASES } from "./secrets-more";
import { STRUCTURED_CASES } from "./secrets-structured";
import { STEERING_CASES } from "./steering";
import { STEERING_CARRIER_CASES } from "./steering-carriers";
import { STEERING_DISCUSSION_CASES } from "./steering-discussion";
import { STEERING_I18N_CASES } from "./steering-i18n";
import { INTENT_CASES } from "./steering-intent";
import { STEERING_STRUCTURE_CASES } from "./steering-structure";
import { STEERING_VARIANT_CASES } from "./steering-variants";

export type { CorpusCase } from "./case";

export const CORPUS: readonly CorpusCase[] = [
  ...VENDOR_CASES,
  ...MORE_VENDOR_CASES,
  ...STRUCTURED_CASES,
  ...PII_CASES,
  ...NATIONAL_ID_CASES,
  ...STEERING_CASES,
  ...INTENT_CASES,
  ...STEERING_I18N_CASES,
  ...STEERING_STRUCTURE_CASES,
  ...STEERING_CARRIER_CASES,
  ...STEERING_VARIANT_CASES,
  ...STEERING_DISCUSSION_CASES,
  ...BENIGN_CASES,
];
