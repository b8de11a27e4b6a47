import { DETECTOR_KINDS } from "@/lib/output-safety";
import { handler } from "@/lib/server/handler";
import { outputSafetyCheck } from "@/lib/server/output-safety/readiness";
import { getOutputSafetySettings, updateOutputSafetySettings } from "@/lib/server/output-safety/settings";
import { outputSafetySettingsPatch } from "@/lib/schemas/output-safety";

export const dynamic = "force-dynamic";

/** The settings, every detector kind the classifier knows, and whether both paths pass their self-test. */
export const GET = handler({ access: { permission: "settings:manage" } }, async ({ prisma }) => ({
  settings: await getOutputSafetySettings(prisma),
  kinds: DETECTOR_KINDS,
  check: await outputSafetyCheck(prisma),
}));

/** A partial change; a custom pattern RE2 cannot run is refused (422 unsafe-pattern) and nothing is stored. */
export const PUT = handler(
  { access: { permission: "settings:manage" }, body: outputSafetySettingsPatch },
  async ({ prisma, actor, body }) => ({
    settings: await updateOutputSafetySettings(prisma, actor, body),
  }),
);
