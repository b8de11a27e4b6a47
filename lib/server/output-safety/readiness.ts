import "server-only";
import { DETECTOR_KINDS, selfTest } from "@/lib/output-safety";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getOutputSafetySettings } from "./settings";

/**
 * For the readiness check `output-safety`: the REDACT path (some secret or PII kind) and the
 * QUARANTINE path (some steering kind) are enabled in the settings, and the classifier's self-test passes.
 */
export async function outputSafetyCheck(prisma: PrismaClient) {
  const settings = await getOutputSafetySettings(prisma);
  const disabled = new Set(settings.disabledKinds);
  const enabled = (categories: string[]) =>
    DETECTOR_KINDS.some((k) => categories.includes(k.category) && !disabled.has(k.kind)) ||
    settings.customPatterns.some((c) => categories.includes(c.category) && !disabled.has(c.kind));
  const test = selfTest();
  const redactEnabled = enabled(["secret", "pii"]);
  const quarantineEnabled = enabled(["steering"]);
  return {
    pass: redactEnabled && quarantineEnabled && test.redact && test.quarantine,
    redactEnabled,
    quarantineEnabled,
    selfTest: test,
    disabledKinds: settings.disabledKinds.length,
  };
}
