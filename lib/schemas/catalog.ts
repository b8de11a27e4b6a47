import { z } from "zod";
import { ACTION_CLASSES, environmentSchema, RISKS, SERVER_NAME } from "./identity";

export const TRANSPORTS = ["remote_http", "stdio"] as const;
export const TOOL_NAME = /^[A-Za-z0-9_./-]{1,128}$/;

export const toolAnnotationsSchema = z
  .object({
    title: z.string().max(200).optional(),
    readOnlyHint: z.boolean().optional(),
    destructiveHint: z.boolean().optional(),
    idempotentHint: z.boolean().optional(),
    openWorldHint: z.boolean().optional(),
  })
  .passthrough();

export const toolInputSchema = z
  .object({
    name: z.string().regex(TOOL_NAME, "letters, digits, _ . / - (1–128)"),
    title: z.string().max(200).optional(),
    description: z.string().max(4000).optional(),
    action: z.enum(ACTION_CLASSES).optional(),
    risk: z.enum(RISKS).optional(),
    annotations: toolAnnotationsSchema.optional(),
    input_schema: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
export type ToolInput = z.infer<typeof toolInputSchema>;

const credentialsSchema = z
  .object({ headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, "a header name"), z.string().max(4000)) })
  .strict();

export const createServerSchema = z
  .object({
    environment: environmentSchema,
    name: z
      .string()
      .trim()
      .regex(SERVER_NAME, "Lower-case letters, digits, . _ - (the mcp.server label), e.g. github."),
    transport: z.enum(TRANSPORTS),
    url: z.string().trim().max(2000, "At most 2000 characters.").optional(),
    command: z.string().trim().max(2000, "At most 2000 characters.").optional(),
    owner: z.string().trim().max(200, "At most 200 characters.").default(""),
    description: z.string().trim().max(2000, "At most 2000 characters.").default(""),
    credentials: credentialsSchema.optional(),
    /** The upstream verifies decision receipts (informs the readiness checklist). */
    requires_receipt: z.boolean().default(false),
    tools: z
      .array(toolInputSchema)
      .max(500)
      .default([])
      .refine((t) => new Set(t.map((x) => x.name)).size === t.length, "tool names must be unique"),
  })
  .strict()
  .refine((s) => s.transport !== "remote_http" || !!s.url, { message: "Enter the server's URL.", path: ["url"] });
export type CreateServerInput = z.infer<typeof createServerSchema>;

export const updateServerSchema = z
  .object({
    url: z.string().trim().max(2000).optional(),
    command: z.string().trim().max(2000).optional(),
    owner: z.string().trim().max(200).optional(),
    description: z.string().trim().max(2000).optional(),
    credentials: credentialsSchema.nullable().optional(),
    requires_receipt: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateServerInput = z.infer<typeof updateServerSchema>;

export const overrideToolSchema = z
  .object({
    action: z.enum(ACTION_CLASSES),
    risk: z.enum(RISKS),
    reason: z.string().trim().min(1, "Give a reason; it goes to the audit trail.").max(500, "At most 500 characters."),
  })
  .strict();

export const discoverSchema = z.object({ save: z.boolean().default(false) }).strict();
export const serverStatusSchema = z.object({ reason: z.string().trim().min(1, "required").max(500) }).strict();
export const listServersQuery = z.object({ environment: environmentSchema.optional() });
