import { z } from "zod";

// SIEM destinations (docs/siem-export.md#destinations): shared by the console handlers and the settings form.

const name = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,62}$/,
    "Use letters, digits, spaces, dots and dashes, 1–63 characters, starting with a letter or digit.",
  );

/** PEM certificates trusted instead of the system's; parsed server-side (a bad one is refused). */
const caPem = z
  .string()
  .trim()
  .max(64 * 1024, "At most 64 KiB of certificates.")
  .regex(
    /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/,
    "Paste PEM certificates, each from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.",
  );

/** Write-only: left out keeps the stored one, an empty string removes it. */
const secret = z.string().max(4096, "At most 4,096 characters.").optional();

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
      .max(2000, "At most 2,000 characters.")
      .regex(/^https:\/\//i, "Enter an https:// URL.")
      .pipe(z.url("Enter a whole URL, e.g. https://siem.example.com/ingest.")),
    /** The header that carries the secret: Authorization gets "Bearer <secret>", any other the secret as is. */
    headerName: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Enter an HTTP header name: letters, digits and dashes.")
      .refine(
        (h) => !["host", "content-type", "content-length", "idempotency-key"].includes(h),
        "The console sets this header itself; choose another.",
      )
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
      .min(1, "Enter a host name or IP address.")
      .max(253, "At most 253 characters.")
      .regex(/^[A-Za-z0-9.:-]+$/, "Enter a host name or IP address."),
    port: z
      .number({ error: "Enter a port number from 1 to 65535." })
      .int("Enter a port number from 1 to 65535.")
      .min(1, "Enter a port number from 1 to 65535.")
      .max(65535, "Enter a port number from 1 to 65535.")
      .default(6514),
    tls: z.boolean().default(true),
  })
  .strict();

export const siemDestinationSchema = z.discriminatedUnion("kind", [httpsDestinationSchema, syslogDestinationSchema]);
export type SiemDestinationInput = z.infer<typeof siemDestinationSchema>;

/**
 * The settings form's fields (components/audit/siem-destination-form.tsx), turned into the body
 * the API takes and checked by the same schema, so the form and the handler refuse the same
 * things with the same words. An empty secret keeps the stored one; "Remove" sends "".
 */
export const siemDestinationFormSchema = z
  .object({
    kind: z.enum(["https", "syslog"]),
    name: z.string(),
    enabled: z.boolean(),
    includePayload: z.boolean(),
    ca: z.string(),
    url: z.string(),
    headerName: z.string(),
    secret: z.string(),
    clearSecret: z.boolean(),
    host: z.string(),
    port: z.string(),
    tls: z.boolean(),
  })
  .transform((f): z.input<typeof siemDestinationSchema> => {
    const common = { name: f.name, enabled: f.enabled, includePayload: f.includePayload, ca: f.ca.trim() || undefined };
    if (f.kind === "syslog")
      return { kind: f.kind, ...common, host: f.host, port: f.port.trim() ? Number(f.port) : undefined, tls: f.tls };
    const secret = f.clearSecret ? "" : f.secret.trim() || undefined;
    return { kind: f.kind, ...common, url: f.url, headerName: f.headerName.trim() || undefined, secret };
  })
  .pipe(siemDestinationSchema);
export type SiemDestinationFormValues = z.input<typeof siemDestinationFormSchema>;
