import "server-only";
import type { CheckId } from "@/lib/readiness/checklist";
import type { Check } from "./context";
import { approvalBindingCheck } from "./checks/approval-binding";
import { decisionLoggedCheck } from "./checks/decision-logged";
import { drillCheck } from "./checks/drill";
import { envSeparationCheck } from "./checks/env-separation";
import { fnReviewCheck } from "./checks/fn-review";
import { metricsCheck } from "./checks/metrics";
import { noUnapprovedWritesCheck } from "./checks/no-unapproved-writes";
import { outputSafetyCheck } from "./checks/output-safety";
import { queueSloCheck } from "./checks/queue-slo";
import { remoteAuthCheck } from "./checks/remote-auth";
import { receiptsCheck } from "./checks/receipts";
import { scopedTokensCheck } from "./checks/scoped-tokens";
import { ssrfGuardCheck } from "./checks/ssrf-guard";

/** One module per practice (docs/gates-and-readiness.md#readiness-checklist). */
export const CHECK_FUNCTIONS: Record<CheckId, Check> = {
  "remote-auth": remoteAuthCheck,
  "scoped-tokens": scopedTokensCheck,
  receipts: receiptsCheck,
  "ssrf-guard": ssrfGuardCheck,
  "decision-logged": decisionLoggedCheck,
  "no-unapproved-writes": noUnapprovedWritesCheck,
  "approval-binding": approvalBindingCheck,
  "output-safety": outputSafetyCheck,
  "fn-review": fnReviewCheck,
  metrics: metricsCheck,
  "queue-slo": queueSloCheck,
  "env-separation": envSeparationCheck,
  drill: drillCheck,
};
