import "server-only";
import { outputSafetyCheck as outputSafetyStatus } from "../../output-safety/readiness";
import { checkResult, type Check } from "../context";

/**
 * output-safety: the output-safety settings keep a REDACT detector (secret or PII) and a
 * QUARANTINE detector (steering) enabled, and the classifier's self-test redacts and quarantines.
 * The settings are console-wide, so every environment reads the same answer.
 */
export const outputSafetyCheck: Check = async (ctx) => {
  const s = await outputSafetyStatus(ctx.prisma);
  const details = [
    {
      redact_enabled: s.redactEnabled,
      quarantine_enabled: s.quarantineEnabled,
      self_test: s.selfTest,
      disabled_kinds: s.disabledKinds,
    },
  ];
  if (s.pass) {
    return checkResult(
      ctx,
      "output-safety",
      "PASS",
      `REDACT and QUARANTINE paths are enabled (${s.disabledKinds} detector kind${s.disabledKinds === 1 ? "" : "s"} switched off) and the self-test redacted a planted secret and quarantined a planted instruction.`,
      details,
    );
  }
  const wrong = [
    !s.redactEnabled ? "every secret and PII detector is switched off, so nothing can be REDACTED" : "",
    !s.quarantineEnabled ? "every steering detector is switched off, so nothing can be QUARANTINED" : "",
    !s.selfTest.redact ? "the self-test's planted secret was not redacted" : "",
    !s.selfTest.quarantine ? "the self-test's planted instruction was not quarantined" : "",
  ].filter(Boolean);
  return checkResult(ctx, "output-safety", "FAIL", `${wrong.join("; ")}.`, details);
};
