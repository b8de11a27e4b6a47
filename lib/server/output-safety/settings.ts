import "server-only";
import { processSingleton } from "../singleton";
import { checkPatternSafety, DETECTOR_KINDS, type InspectOptions } from "@/lib/output-safety";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  DEFAULT_OUTPUT_SAFETY_SETTINGS,
  outputSafetySettingsSchema,
  type OutputSafetySettings,
  type OutputSafetySettingsPatch,
} from "@/lib/schemas/output-safety";
import { writeAudit, type Actor, type Tx } from "../audit";
import { changeTransaction } from "../change-feed";
import { Unprocessable, type FieldError } from "../errors";

export const SETTINGS_KEY = "output_safety";
const CACHE_MS = 1_000;

const cache = processSingleton("outputSafetySettings", () => ({
  held: undefined as { at: number; value: OutputSafetySettings } | undefined,
  generation: 0,
}));

/** A stored value that no longer parses (hand-edited, older shape) falls back field by field to the defaults. */
function parseStored(value: unknown): OutputSafetySettings {
  const merged = { ...DEFAULT_OUTPUT_SAFETY_SETTINGS, ...(value && typeof value === "object" ? value : {}) };
  const parsed = outputSafetySettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_OUTPUT_SAFETY_SETTINGS;
}

/** The current settings; cached for at most a second (a change is announced to every process, this re-read is the fallback). */
export async function getOutputSafetySettings(prisma: PrismaClient | Tx): Promise<OutputSafetySettings> {
  const cached = cache.held;
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const generation = cache.generation;
  const row = await prisma.setting.findUnique({ where: { key: SETTINGS_KEY } });
  const value = parseStored(row?.value);
  // A change forgot the settings meanwhile: this read may predate it, so it is not kept.
  if (generation === cache.generation) cache.held = { at: Date.now(), value };
  return value;
}

export function invalidateOutputSafetySettings(): void {
  cache.held = undefined;
  cache.generation++;
}

/**
 * What the classifier is told: disabled kinds, custom patterns and the allowlist of hosts.
 * `withoutSteering` (a release) switches the steering category off. Disabled custom kinds are
 * dropped here, since the classifier applies disabledKinds to built-in detectors only.
 */
export function inspectOptionsOf(s: OutputSafetySettings, opts: { withoutSteering?: boolean } = {}): InspectOptions {
  const disabledKinds = opts.withoutSteering ? [...s.disabledKinds, "steering"] : s.disabledKinds;
  const off = new Set(disabledKinds);
  return {
    allowHosts: s.allowHosts,
    disabledKinds,
    customPatterns: s.customPatterns
      .filter((c) => !off.has(c.kind) && !off.has(c.category))
      .map((c) => ({ kind: c.kind, pattern: c.pattern, category: c.category })),
  };
}

const BUILT_IN = new Set(DETECTOR_KINDS.map((k) => k.kind));

/** Rules beyond the schema: known kinds only, unique custom kinds, and only patterns RE2 can run. */
export function validateSettings(s: OutputSafetySettings): FieldError[] {
  const errors: FieldError[] = [];
  s.disabledKinds.forEach((k, i) => {
    if (!BUILT_IN.has(k) && !s.customPatterns.some((c) => c.kind === k))
      errors.push({ path: `disabledKinds.${i}`, message: `unknown detector kind "${k}"` });
  });
  const seen = new Set<string>();
  s.customPatterns.forEach((c, i) => {
    if (BUILT_IN.has(c.kind))
      errors.push({ path: `customPatterns.${i}.kind`, message: `"${c.kind}" is a built-in kind; choose another name` });
    else if (seen.has(c.kind))
      errors.push({ path: `customPatterns.${i}.kind`, message: `"${c.kind}" is used by another custom pattern` });
    seen.add(c.kind);
    const check = checkPatternSafety(c.pattern);
    if (!check.ok) errors.push({ path: `customPatterns.${i}.pattern`, message: `refused: ${check.reason}` });
  });
  return errors;
}

/** Applies a partial change after validating the whole result; audited in the same transaction; nothing stored on refusal. */
export async function updateOutputSafetySettings(
  prisma: PrismaClient,
  actor: Actor,
  patch: OutputSafetySettingsPatch,
): Promise<OutputSafetySettings> {
  return changeTransaction(prisma, async (tx, announce) => {
    const row = await tx.setting.findUnique({ where: { key: SETTINGS_KEY } });
    const before = parseStored(row?.value);
    const next: OutputSafetySettings = {
      ...before,
      ...patch,
      allowHosts: patch.allowHosts ? [...new Set(patch.allowHosts)] : before.allowHosts,
      disabledKinds: patch.disabledKinds ? [...new Set(patch.disabledKinds)].sort() : before.disabledKinds,
    };
    const errors = validateSettings(next);
    if (errors.length) {
      const slug = errors.some((e) => e.message.startsWith("refused:")) ? "unsafe-pattern" : "validation-failed";
      throw Unprocessable(
        `The output-safety settings are invalid: ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`,
        errors,
        slug,
      );
    }
    const changed = (Object.keys(next) as (keyof OutputSafetySettings)[]).filter(
      (k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]),
    );
    if (changed.length === 0) return next;
    await announce({ kind: "output_safety" });
    await tx.setting.upsert({
      where: { key: SETTINGS_KEY },
      create: { key: SETTINGS_KEY, value: next },
      update: { value: next },
    });
    await writeAudit(tx, {
      actor,
      action: "settings.output_safety.update",
      target: { type: "setting", id: SETTINGS_KEY },
      data: {
        changed,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, next[k]])),
      },
    });
    return next;
  });
}
