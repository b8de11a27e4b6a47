import { z } from "zod";
import { METRIC_NAMES } from "@/lib/metrics/gates";
import { parseWindow } from "@/lib/metrics/windows";
import { environmentSchema } from "./identity";

export const createMetricsTokenSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(100),
    /** Bind the token to one environment; absent or null = it may read every environment. */
    environment: environmentSchema.nullable().optional(),
  })
  .strict();

export const metricQuery = z.object({
  window: z
    .string()
    .refine((w) => parseWindow(w) !== null, "use N m or N h (e.g. 10m, 2h), at most 7 days")
    .optional(),
  environment: environmentSchema.optional(),
});

export const environmentQuery = z.object({ environment: environmentSchema.optional() });

export const metricNameSchema = z.enum(METRIC_NAMES);

export const gateConfigSchema = z
  .object({
    target: z.number().finite().min(0).max(1_000_000),
    block: z.number().finite().min(0).max(1_000_000),
    window_minutes: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
    sustained: z.boolean(),
    owner: z.string().trim().min(1, "required").max(100),
  })
  .strict();

/** The settings page's one save: the edited gates and, when present, the webhook (null turns it off). */
export const gateSettingsSaveSchema = z
  .object({
    gates: z
      .array(gateConfigSchema.extend({ metric: metricNameSchema }))
      .max(METRIC_NAMES.length)
      .refine((gates) => new Set(gates.map((g) => g.metric)).size === gates.length, "each gate at most once"),
    webhook_url: z.string().trim().max(2000).nullable().optional(),
  })
  .strict();

export const webhookSchema = z.object({ url: z.string().trim().max(2000).nullable() }).strict();

export const DASHBOARD_RANGES = ["15m", "1h", "6h", "24h", "7d"] as const;
export const dashboardQuery = z.object({
  environment: environmentSchema.default("production"),
  range: z.enum(DASHBOARD_RANGES).default("1h"),
});
