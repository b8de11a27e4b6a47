import { z } from "zod";
import { environmentSchema, type EnvironmentName } from "./identity";

export const KILL_SWITCH_MODES = ["off", "writes", "all"] as const;
export type KillSwitchMode = (typeof KILL_SWITCH_MODES)[number];

/** Every revocation, restore and kill-switch change carries one (it goes into the audit trail). */
export const reasonText = z.string().trim().min(1, "A reason is required.").max(500, "At most 500 characters.");
/** The reason dialog's form (components/operations/reason-dialog.tsx). */
export const reasonFormSchema = z.object({ reason: reasonText });
export type ReasonFormValues = z.infer<typeof reasonFormSchema>;

export const killSwitchSchema = z.object({ mode: z.enum(KILL_SWITCH_MODES), reason: reasonText }).strict();
export type KillSwitchInput = z.infer<typeof killSwitchSchema>;

export const runDrillSchema = z.object({ environment: environmentSchema }).strict();

export const drillListQuerySchema = z.object({ environment: environmentSchema.optional() }).strict();

export const tokenLookupQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .min(1, "Paste a token id (jti) or a decision id.")
      .max(200, "At most 200 characters: a jti or a decision id is shorter."),
  })
  .strict();
export type TokenLookupQuery = z.infer<typeof tokenLookupQuerySchema>;

export const RUNBOOK_BODY_MAX = 100_000;

export const runbookUpdateSchema = z
  .object({
    title: z.string().trim().min(1, "Give the runbook a title.").max(200, "At most 200 characters."),
    owner: z.string().trim().min(1, "Name the team that owns it.").max(200, "At most 200 characters."),
    body: z
      .string()
      .refine((b) => b.trim() !== "", "The runbook needs some text.")
      .refine((b) => b.length <= RUNBOOK_BODY_MAX, `At most ${RUNBOOK_BODY_MAX.toLocaleString("en")} characters.`),
    /** The version the editor started from: a save over someone else's newer edit is refused (409). */
    base_version: z.number().int().min(1),
  })
  .strict();
export type RunbookUpdateInput = z.infer<typeof runbookUpdateSchema>;
/** The editor's fields: the update without the version it started from (the page knows that). */
export const runbookFormSchema = runbookUpdateSchema.omit({ base_version: true });
export type RunbookFormValues = z.infer<typeof runbookFormSchema>;

// Drill reports as the API answers them: built by lib/server/operations, read by the operations screens.

export type DrillStepKey =
  | "prepare"
  | "issue"
  | "baseline"
  | "revoke"
  | "refused"
  | "restore"
  | "old-token"
  | "reissue"
  | "allowed";

export interface DrillStep {
  key: DrillStepKey;
  title: string;
  ok: boolean;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  detail: string;
  http_status?: number;
  decision?: string | null;
  reason?: string | null;
  time_to_effect_ms?: number;
  calls?: number;
  jti?: string;
}

export interface DrillReport {
  id: string;
  environment: EnvironmentName;
  status: "running" | "passed" | "failed";
  agent: { id: string | null; client_id: string };
  call: { server: string; tool: string };
  run_by: string;
  started_at: string;
  finished_at: string | null;
  duration_ms: number | null;
  revoke_effect_ms: number | null;
  restore_effect_ms: number | null;
  summary: string;
  steps: DrillStep[];
}

export interface DrillSummary {
  id: string;
  status: string;
  run_by: string;
  started_at: string;
  finished_at: string | null;
  revoke_effect_ms: number | null;
  restore_effect_ms: number | null;
  summary: string;
  url: string;
}

export interface Quarter {
  /** e.g. "2026-Q3" */
  label: string;
  start: string;
  end: string;
}

export interface LastDrill {
  environment: EnvironmentName;
  quarter: Quarter;
  /** PASS when a drill passed in the current quarter; FAIL (show it red) when none did. */
  state: "PASS" | "FAIL";
  last_passed: DrillSummary | null;
  /** The most recent finished drill, passed or failed. */
  last_run: DrillSummary | null;
  /** Where to run one. */
  href: string;
}
