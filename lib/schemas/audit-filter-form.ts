import { z } from "zod";
import { auditFilterSchema, FILTER_KEYS } from "./audit";

/** The filter keys the audit filter bar edits (kind is the tab, approval_id comes from a link). */
export const FILTER_FORM_KEYS = FILTER_KEYS.filter(
  (k): k is Exclude<(typeof FILTER_KEYS)[number], "kind" | "approval_id"> => k !== "kind" && k !== "approval_id",
);
export type FilterFormKey = (typeof FILTER_FORM_KEYS)[number];
type FilterStrings = Partial<Record<FilterFormKey, string>>;

/** datetime-local shows local time; the URL keeps ISO 8601 UTC. */
export function fromLocalInput(v: string): string {
  if (!v) return "";
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? v : d.toISOString();
}

export function toLocalInput(iso?: string): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/**
 * The audit filter bar's fields → the filters the URL carries: trimmed, empty ones left out, a
 * custom range as from/to in UTC. Checked by the handler's own auditFilterSchema, so a filter the
 * search would refuse is refused beside its field instead.
 */
export const auditFilterFormSchema = z
  .object(Object.fromEntries(FILTER_FORM_KEYS.map((k) => [k, z.string()])) as Record<FilterFormKey, z.ZodString>)
  .transform((f) => {
    const out: FilterStrings = {};
    for (const k of FILTER_FORM_KEYS) {
      const v = f[k].trim();
      if (v && k !== "from" && k !== "to" && !(k === "range" && v === "custom")) out[k] = v;
    }
    if (f.range === "custom") {
      if (f.from) out.from = fromLocalInput(f.from);
      if (f.to) out.to = fromLocalInput(f.to);
    }
    return out;
  })
  .superRefine((f, ctx) => {
    const checked = auditFilterSchema.safeParse(f);
    if (!checked.success)
      for (const issue of checked.error.issues)
        ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    if (f.from && f.to && Date.parse(f.from) > Date.parse(f.to))
      ctx.addIssue({ code: "custom", message: "From must be before To.", path: ["to"] });
  });
export type AuditFilterFormValues = z.input<typeof auditFilterFormSchema>;
export type AuditFilterFormOutput = z.output<typeof auditFilterFormSchema>;
