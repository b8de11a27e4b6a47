import { z } from "zod";

/** Largest output /inspect and /result accept (docs/agent-api.md#results: outputs up to 5 MiB), plus room for the JSON around it. */
export const MAX_OUTPUT_BODY = 5 * 1024 * 1024 + 64 * 1024;

const label = z.string().min(1).max(200);

/** POST /api/v1/inspect with an agent token: the environment is the token's. */
export const agentInspectSchema = z
  .object({ output: z.unknown(), server: label.optional(), tool: label.optional() })
  .strict()
  .refine((b) => b.output !== undefined, { path: ["output"], message: "output is required" });

/** POST /api/v1/inspect with a console session or API token: an environment may be named so the verdict is counted there. */
export const consoleInspectSchema = z
  .object({
    output: z.unknown(),
    server: label.optional(),
    tool: label.optional(),
    environment: z.enum(["development", "staging", "production"]).optional(),
  })
  .strict()
  .refine((b) => b.output !== undefined, { path: ["output"], message: "output is required" });

export const reviewReasonSchema = z
  .object({ reason: z.string().trim().min(3, "give a reason of at least 3 characters").max(2000) })
  .strict();
export const confirmSchema = z.object({ reason: z.string().trim().max(2000).optional() }).strict();

export const quarantineListQuery = z.object({
  status: z.enum(["PENDING", "RELEASED", "CONFIRMED", "ALL"]).default("PENDING"),
  environment: z.enum(["development", "staging", "production"]).optional(),
  server: z.string().max(200).optional(),
  kind: z.string().max(64).optional(),
});

export const ISO_WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
export const weekQuery = z.object({ week: z.string().regex(ISO_WEEK, "an ISO week such as 2026-W07").optional() });
export const weeksQuery = z.object({ weeks: z.coerce.number().int().min(1).max(104).default(12) });

export const sampleReviewSchema = z
  .object({
    verdict: z.enum(["ok", "missed"]),
    missed_kind: z.string().trim().min(1).max(64).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict()
  .refine((b) => b.verdict === "ok" || !!b.missed_kind, {
    path: ["missed_kind"],
    message: "name the kind that was missed",
  })
  .refine((b) => b.verdict === "missed" || !b.missed_kind, {
    path: ["missed_kind"],
    message: "only a miss names a kind",
  });

export const CUSTOM_KIND = /^[a-z][a-z0-9_]{1,47}$/;
export const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

export const customPatternSchema = z
  .object({
    kind: z.string().regex(CUSTOM_KIND, "lower-case letters, digits and _, starting with a letter (2–48 characters)"),
    pattern: z.string().min(1).max(512),
    category: z.enum(["secret", "pii", "steering"]),
    description: z.string().trim().max(200).default(""),
  })
  .strict();
export type CustomPatternSetting = z.infer<typeof customPatternSchema>;

export const outputSafetySettingsSchema = z
  .object({
    disabledKinds: z.array(z.string().min(1).max(64)).max(500),
    customPatterns: z.array(customPatternSchema).max(50),
    allowHosts: z
      .array(
        z
          .string()
          .trim()
          .toLowerCase()
          .regex(HOST_PATTERN, "a host name such as docs.example.com or *.example.com")
          .max(253),
      )
      .max(200),
    /** Share of ALLOWed outputs kept for the weekly false-negative review, 0..1. */
    sampleRate: z.number().min(0).max(1),
    /** At most this many samples are kept per ISO week. */
    maxSamplesPerWeek: z.number().int().min(1).max(10_000),
    /** Quarantined and sampled output text is purged after this many days (the record stays). */
    retentionDays: z.number().int().min(7).max(3650),
  })
  .strict();
export type OutputSafetySettings = z.infer<typeof outputSafetySettingsSchema>;

export const outputSafetySettingsPatch = outputSafetySettingsSchema.partial().strict();
export type OutputSafetySettingsPatch = z.infer<typeof outputSafetySettingsPatch>;

export const DEFAULT_OUTPUT_SAFETY_SETTINGS: OutputSafetySettings = {
  disabledKinds: [],
  customPatterns: [],
  allowHosts: [],
  sampleRate: 0.01,
  maxSamplesPerWeek: 200,
  retentionDays: 30,
};

/** The settings page's test box: a candidate pattern (optional) run with the saved settings over a sample. */
export const patternTestSchema = z
  .object({
    sample: z.string().max(64 * 1024),
    pattern: z.string().max(512).optional(),
    category: z.enum(["secret", "pii", "steering"]).default("secret"),
  })
  .strict();
