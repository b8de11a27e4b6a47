import { z } from "zod";

export const ENVIRONMENTS = ["development", "staging", "production"] as const;
export const environmentSchema = z.enum(ENVIRONMENTS);
export type EnvironmentName = z.infer<typeof environmentSchema>;

export const ACTION_CLASSES = ["read", "write", "admin"] as const;
export type ActionClass = (typeof ACTION_CLASSES)[number];
export const RISKS = ["low", "medium", "high"] as const;
export type Risk = (typeof RISKS)[number];

/** The `mcp.server` label: lower-case, digits, dot, dash, underscore. */
export const SERVER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const SCOPE = /^mcp:(\*|[a-z0-9][a-z0-9._-]{0,62}):(read|write|admin)$/;

export const scopeSchema = z.string().trim().regex(SCOPE, "must be mcp:<server|*>:<read|write|admin>");

export const createAgentSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(100),
    environment: environmentSchema,
    scopes: z
      .array(scopeSchema)
      .min(1, "at least one scope")
      .max(100)
      .transform((s) => [...new Set(s)]),
    owner: z.string().trim().max(200).default(""),
    description: z.string().trim().max(1000).default(""),
    /** Only for a client registered at a trusted external issuer: its client id there. Generated otherwise. */
    client_id: z
      .string()
      .trim()
      .regex(/^(?!mgc_)[A-Za-z0-9._:@/-]{3,200}$/, "3–200 characters: letters, digits, . _ : @ / -")
      .optional(),
  })
  .strict();
export type CreateAgentInput = z.infer<typeof createAgentSchema>;

export const updateAgentSchema = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    scopes: z
      .array(scopeSchema)
      .min(1)
      .max(100)
      .transform((s) => [...new Set(s)])
      .optional(),
    owner: z.string().trim().max(200).optional(),
    description: z.string().trim().max(1000).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateAgentInput = z.infer<typeof updateAgentSchema>;

export const reasonSchema = z.object({ reason: z.string().trim().min(1, "required").max(500) }).strict();
export const optionalReasonSchema = z.object({ reason: z.string().trim().max(500).optional() }).strict();

export const trustedIssuerSchema = z
  .object({
    name: z.string().trim().min(1, "required").max(100),
    issuer: z.url().max(500),
    jwks_uri: z.url().max(500).optional(),
    introspection_url: z.url().max(500).optional(),
    client_id: z.string().trim().min(1).max(200).optional(),
    client_secret: z.string().min(1).max(500).optional(),
    audience: z.string().trim().min(1, "required").max(500),
    algorithms: z
      .array(z.enum(["ES256", "ES384", "RS256", "PS256", "EdDSA"]))
      .min(1)
      .default(["ES256", "RS256"]),
    client_id_claim: z.string().trim().min(1).max(100).default("sub"),
    scope_claim: z.string().trim().min(1).max(100).default("scope"),
    environment_claim: z.string().trim().min(1).max(100).default("env"),
  })
  .strict()
  .refine((v) => v.jwks_uri || v.introspection_url, {
    message: "give a JWKS URI or an introspection URL",
    path: ["jwks_uri"],
  })
  .refine((v) => !v.introspection_url || (v.client_id && v.client_secret), {
    message: "introspection needs client_id and client_secret",
    path: ["client_id"],
  });
export type TrustedIssuerInput = z.infer<typeof trustedIssuerSchema>;
