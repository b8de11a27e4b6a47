import { z } from "zod";
import { parseWindow } from "@/lib/metrics/windows";
import { environmentSchema } from "@/lib/schemas/identity";

/** `?environment=production&window=24h` (window: N m or N h, at most 7 days; default 24 h). */
export const readinessQuery = z
  .object({
    environment: environmentSchema.optional(),
    window: z
      .string()
      .refine((w) => parseWindow(w) !== null, "use N m or N h (e.g. 60m, 24h), at most 7 days")
      .optional(),
  })
  .strict();

export const readinessReportQuery = readinessQuery.extend({ download: z.enum(["1", "true"]).optional() }).strict();

export const runChecklistBody = z.object({}).strict();

export function windowMinutesOf(window: string | undefined): number | undefined {
  return window === undefined ? undefined : (parseWindow(window) ?? undefined);
}
