import { z } from "zod";
import { environmentSchema } from "./identity";

export const KILL_SWITCH_MODES = ["off", "writes", "all"] as const;
export type KillSwitchMode = (typeof KILL_SWITCH_MODES)[number];

const reason = z.string().trim().min(1, "required").max(500);

export const killSwitchSchema = z.object({ mode: z.enum(KILL_SWITCH_MODES), reason }).strict();
export type KillSwitchInput = z.infer<typeof killSwitchSchema>;

export const runDrillSchema = z.object({ environment: environmentSchema }).strict();

export const drillListQuerySchema = z.object({ environment: environmentSchema.optional() }).strict();

export const tokenLookupQuerySchema = z.object({ q: z.string().trim().min(1, "required").max(200) }).strict();

export const RUNBOOK_BODY_MAX = 100_000;

export const runbookUpdateSchema = z
  .object({
    title: z.string().trim().min(1, "required").max(200),
    owner: z.string().trim().min(1, "required").max(200),
    body: z.string().min(1, "required").max(RUNBOOK_BODY_MAX),
    /** The version the editor started from: a save over someone else's newer edit is refused (409). */
    base_version: z.number().int().min(1),
  })
  .strict();
export type RunbookUpdateInput = z.infer<typeof runbookUpdateSchema>;
