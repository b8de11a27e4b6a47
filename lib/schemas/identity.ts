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

export const scopeSchema = z.string().trim().regex(SCOPE, "Write a scope as mcp:<server|*>:<read|write|admin>.");

export const createAgentSchema = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters."),
    environment: environmentSchema,
    scopes: z
      .array(scopeSchema)
      .min(1, "Give at least one scope.")
      .max(100, "At most 100 scopes.")
      .transform((s) => [...new Set(s)]),
    owner: z.string().trim().max(200, "At most 200 characters.").default(""),
    description: z.string().trim().max(1000, "At most 1000 characters.").default(""),
    /** Only for a client registered at a trusted external issuer: its client id there. Generated otherwise. */
    client_id: z
      .string()
      .trim()
      .regex(/^(?!mgc_)[A-Za-z0-9._:@/-]{3,200}$/, "3–200 characters: letters, digits, . _ : @ / -")
      .optional(),
  })
  .strict();
export type CreateAgentInput = z.infer<typeof createAgentSchema>;

/** Space- or comma-separated words as a list (a form's one-line list field). */
export const splitWords = (text: string) => text.split(/[\s,]+/).filter(Boolean);

/** The new-agent form: createAgentSchema, with the scopes typed on one line and each bad one named. */
export const createAgentFormSchema = createAgentSchema.omit({ scopes: true, client_id: true }).extend({
  scopes: z.string().transform((text, ctx) => {
    const list = splitWords(text);
    const bad = list.find((s) => !SCOPE.test(s));
    const parsed = createAgentSchema.shape.scopes.safeParse(list);
    if (bad)
      ctx.addIssue({ code: "custom", message: `“${bad}” is not a scope: write mcp:<server|*>:<read|write|admin>.` });
    else if (!parsed.success)
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? "Not scopes." });
    return parsed.success ? parsed.data : [];
  }),
});

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

const ISSUER_ALGORITHMS = ["ES256", "ES384", "RS256", "PS256", "EdDSA"] as const;

const trustedIssuerFields = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters."),
    issuer: z.url("Enter the issuer's URL, e.g. https://idp.example.com.").max(500),
    jwks_uri: z.url("Enter a URL, or leave it empty.").max(500).optional(),
    introspection_url: z.url("Enter a URL, or leave it empty.").max(500).optional(),
    client_id: z.string().trim().min(1).max(200).optional(),
    client_secret: z.string().min(1).max(500).optional(),
    audience: z.string().trim().min(1, "Enter the audience your tokens carry.").max(500),
    algorithms: z.array(z.enum(ISSUER_ALGORITHMS)).min(1).default(["ES256", "RS256"]),
    client_id_claim: z.string().trim().min(1).max(100).default("sub"),
    scope_claim: z.string().trim().min(1).max(100).default("scope"),
    environment_claim: z.string().trim().min(1).max(100).default("env"),
  })
  .strict();
/** An issuer's tokens are checked against its keys, its introspection endpoint, or both. */
const hasKeySource = (v: { jwks_uri?: string; introspection_url?: string }) =>
  Boolean(v.jwks_uri || v.introspection_url);
const KEY_SOURCE = { message: "Give a JWKS URI or an introspection URL.", path: ["jwks_uri"] };
const hasIntrospectionClient = (v: { introspection_url?: string; client_id?: string; client_secret?: string }) =>
  !v.introspection_url || Boolean(v.client_id && v.client_secret);
const INTROSPECTION_CLIENT = { message: "Introspection needs a client id and secret.", path: ["client_id"] };

export const trustedIssuerSchema = trustedIssuerFields
  .refine(hasKeySource, KEY_SOURCE)
  .refine(hasIntrospectionClient, INTROSPECTION_CLIENT);

/** The add-issuer form: trustedIssuerSchema, with the algorithms typed on one line and each unknown one named. */
export const trustedIssuerFormSchema = trustedIssuerFields
  .extend({
    algorithms: z.string().transform((text, ctx) => {
      const list = splitWords(text);
      const bad = list.find((a) => !(ISSUER_ALGORITHMS as readonly string[]).includes(a));
      if (bad) ctx.addIssue({ code: "custom", message: `“${bad}” is not one of ${ISSUER_ALGORITHMS.join(", ")}.` });
      else if (list.length === 0) ctx.addIssue({ code: "custom", message: "Give at least one algorithm." });
      return list as (typeof ISSUER_ALGORITHMS)[number][];
    }),
  })
  .refine(hasKeySource, KEY_SOURCE)
  .refine(hasIntrospectionClient, INTROSPECTION_CLIENT);
export type TrustedIssuerInput = z.infer<typeof trustedIssuerSchema>;
