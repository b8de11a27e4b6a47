import { z } from "zod";

// SIEM destinations (docs/siem-export.md#destinations): shared by the console handlers and the settings form.

const name = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/, "letters, digits, spaces, dots, dashes (1–63)");

/** PEM certificates trusted instead of the system's; parsed server-side (a bad one is refused). */
const caPem = z
  .string()
  .trim()
  .max(64 * 1024)
  .regex(/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/, "PEM certificates (BEGIN CERTIFICATE)");

/** Write-only: left out keeps the stored one, an empty string removes it. */
const secret = z.string().max(4096).optional();

const common = {
  name,
  enabled: z.boolean().default(true),
  includePayload: z.boolean().default(false),
  ca: caPem.optional(),
};

export const httpsDestinationSchema = z
  .object({
    kind: z.literal("https"),
    ...common,
    url: z
      .string()
      .trim()
      .max(2000)
      .regex(/^https:\/\//i, "an https:// URL")
      .pipe(z.url()),
    /** The header that carries the secret: Authorization gets "Bearer <secret>", any other the secret as is. */
    headerName: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "an HTTP header name")
      .refine((h) => !["host", "content-type", "content-length", "idempotency-key"].includes(h), "reserved header")
      .default("authorization"),
    secret,
  })
  .strict();

export const syslogDestinationSchema = z
  .object({
    kind: z.literal("syslog"),
    ...common,
    host: z
      .string()
      .trim()
      .min(1)
      .max(253)
      .regex(/^[A-Za-z0-9.:-]+$/, "a host name or IP address"),
    port: z.number().int().min(1).max(65535).default(6514),
    tls: z.boolean().default(true),
  })
  .strict();

export const siemDestinationSchema = z.discriminatedUnion("kind", [httpsDestinationSchema, syslogDestinationSchema]);
export type SiemDestinationInput = z.infer<typeof siemDestinationSchema>;
