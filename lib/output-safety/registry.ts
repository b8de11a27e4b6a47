/** Every detector and every kind it can report, in one table. */
import { ASSIGNMENT_DETECTORS, ASSIGNMENT_KINDS } from "./secrets-assign";
import { CONFIG_SECRET_DETECTORS, CONFIG_SECRET_KINDS } from "./secrets-config";
import { STRUCTURED_SECRET_DETECTORS, STRUCTURED_SECRET_KINDS } from "./secrets-structured";
import { TOKEN_RULES } from "./secrets-vendors";
import { tokenDetector } from "./token-rule";
import { CONTACT_KINDS, EMAIL_DETECTORS } from "./pii";
import { ID_KINDS } from "./pii-ids";
import { NATIONAL_ID_DETECTORS, NATIONAL_ID_KINDS } from "./pii-national";
import { PERSONAL_DETECTORS, PERSONAL_KINDS } from "./pii-personal";
import { PHRASE_DETECTORS, STEERING_PHRASE_KINDS } from "./steering";
import { EXFIL_DETECTORS, EXFIL_KINDS } from "./steering-exfil";
import { HIDDEN_KINDS } from "./steering-hidden";
import type { Detector, DetectorKindInfo, FindingCategory } from "./types";

const STEERING_DETECTORS: readonly Detector[] = [...PHRASE_DETECTORS, ...EXFIL_DETECTORS];

export const ALL_DETECTORS: readonly Detector[] = [
  ...TOKEN_RULES.map(tokenDetector),
  ...STRUCTURED_SECRET_DETECTORS,
  ...ASSIGNMENT_DETECTORS,
  ...CONFIG_SECRET_DETECTORS,
  ...EMAIL_DETECTORS,
  ...NATIONAL_ID_DETECTORS,
  ...PERSONAL_DETECTORS,
  ...STEERING_DETECTORS,
];

export const PHRASE_ONLY_DETECTORS: readonly Detector[] = PHRASE_DETECTORS;
export const STEERING_DETECTOR_IDS: ReadonlySet<string> = new Set(STEERING_DETECTORS.map((d) => d.id));

function kinds(category: FindingCategory, list: ReadonlyArray<readonly [string, string]>): DetectorKindInfo[] {
  return list.map(([kind, description]) => ({ kind, category, description }));
}

const all: DetectorKindInfo[] = [
  ...TOKEN_RULES.map((r) => ({ kind: r.kind, category: "secret" as const, description: r.description })),
  ...kinds("secret", STRUCTURED_SECRET_KINDS),
  ...kinds("secret", ASSIGNMENT_KINDS),
  ...kinds("secret", CONFIG_SECRET_KINDS),
  ...kinds("pii", ID_KINDS),
  ...kinds("pii", NATIONAL_ID_KINDS),
  ...kinds("pii", PERSONAL_KINDS),
  ...kinds("pii", CONTACT_KINDS),
  ...kinds("steering", STEERING_PHRASE_KINDS),
  ...kinds("steering", HIDDEN_KINDS),
  ...kinds("steering", EXFIL_KINDS),
];

/** Every kind the classifier can report, with its category and a one-line description. */
export const DETECTOR_KINDS: readonly DetectorKindInfo[] = Object.freeze(
  all.filter((k, i) => all.findIndex((o) => o.kind === k.kind) === i),
);
