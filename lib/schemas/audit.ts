import { z } from "zod";

/** Form fields arrive as "" when cleared: treat them as absent. */
const opt = <S extends z.ZodType>(schema: S) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());
const text = (max: number) => opt(z.string().trim().max(max));
const isoTime = opt(
  z
    .string()
    .trim()
    .regex(
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
      "must be an ISO 8601 date or date-time",
    )
    .refine((s) => !Number.isNaN(Date.parse(s)), "is not a real date"),
);

export const AUDIT_RANGES = {
  "15m": 15 * 60_000,
  "1h": 3_600_000,
  "24h": 86_400_000,
  "7d": 7 * 86_400_000,
  "30d": 30 * 86_400_000,
  "90d": 90 * 86_400_000,
} as const;
export type AuditRange = keyof typeof AUDIT_RANGES;
export const OUTCOMES = ["ALLOW", "CONSTRAINTS", "APPROVAL", "DENY"] as const;
export const AUDIT_KINDS = ["decisions", "events"] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/**
 * The filters of one audit search, shared by the page (URL), the JSON handler and the export.
 * Decisions and events take the same filters; those that do not apply to events (outcome,
 * class) are ignored there, and server, tool, rule and request hash match the event's data.
 */
export const auditFilterSchema = z.object({
  kind: opt(z.enum(AUDIT_KINDS)).transform((v) => v ?? "decisions"),
  range: opt(z.enum(Object.keys(AUDIT_RANGES) as [AuditRange, ...AuditRange[]])),
  from: isoTime,
  to: isoTime,
  environment: opt(z.enum(["development", "staging", "production"])),
  agent: text(200),
  server: text(200),
  tool: text(200),
  outcome: opt(z.enum(OUTCOMES)),
  class: opt(z.enum(["read", "write", "admin"])),
  rule: text(200),
  actor: text(320),
  event: text(100),
  request_hash: opt(
    z
      .string()
      .trim()
      .regex(/^sha256:[0-9a-f]{64}$/, "A request hash is sha256: and 64 hex digits."),
  ),
  approval_id: opt(z.uuid()),
  q: text(200),
});
export type AuditFilters = z.infer<typeof auditFilterSchema>;

export const auditSearchQuery = auditFilterSchema.extend({
  cursor: opt(z.string().regex(/^\d{1,19}$/, "must be the next_cursor of a previous page")),
  limit: opt(z.coerce.number().int().min(1).max(200)).transform((v) => v ?? 50),
});
export type AuditSearchQuery = z.infer<typeof auditSearchQuery>;

export const MAX_EXPORT_ROWS = 1_000_000;
export const auditExportQuery = auditFilterSchema.extend({
  format: opt(z.enum(["csv", "ndjson"])).transform((v) => v ?? "csv"),
  max_rows: opt(z.coerce.number().int().min(1).max(MAX_EXPORT_ROWS)).transform((v) => v ?? 100_000),
});
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

/** The filter keys a URL may carry, in display order. */
export const FILTER_KEYS = [
  "kind",
  "range",
  "from",
  "to",
  "environment",
  "agent",
  "server",
  "tool",
  "outcome",
  "class",
  "rule",
  "actor",
  "event",
  "request_hash",
  "approval_id",
  "q",
] as const;

/** `full=1`: recompute both chains from their first record, ignoring the stored checkpoints. */
export const auditVerifyQuery = z
  .object({
    full: z
      .enum(["0", "1", "true", "false"])
      .optional()
      .transform((v) => v === "1" || v === "true"),
  })
  .strict();

/** Progress of this process's verification runs; `run_id` narrows it to one. */
export const auditVerifyProgressQuery = z.object({ run_id: z.uuid().optional() }).strict();
