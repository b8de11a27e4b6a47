import { z } from "zod";
import { ACTION_CLASSES, ENVIRONMENTS, RISKS } from "@/lib/policy";

export const environmentSchema = z.enum(ENVIRONMENTS as unknown as ["development", "staging", "production"]);

export const publishQuerySchema = z.object({
  publish: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  message: z.string().max(500).optional(),
});

/** PUT as JSON: the YAML source, or the policy object itself. */
export const policyPutJsonSchema = z.union([
  z
    .object({
      source: z.string().max(1_100_000),
      message: z.string().max(500).optional(),
      publish: z.boolean().optional(),
    })
    .strict(),
  z.object({ version: z.unknown(), rules: z.unknown() }).loose(),
]);

export const simulateCallSchema = z
  .object({
    server: z.string().min(1).max(200),
    tool: z.string().min(1).max(200).optional(),
    action: z.enum(ACTION_CLASSES as unknown as ["read", "write", "admin"]).optional(),
    risk: z.enum(RISKS as unknown as ["low", "medium", "high"]).optional(),
    agent: z.string().max(200).optional(),
    agent_owner: z.string().max(200).optional(),
    arguments: z.unknown().optional(),
  })
  .strict();

export const simulateBodySchema = z
  .object({
    calls: z.array(simulateCallSchema).min(1).max(1000),
    policy: z.string().max(1_100_000).optional(),
  })
  .strict();
export type SimulateBody = z.infer<typeof simulateBodySchema>;

export const rollbackBodySchema = z
  .object({ version: z.number().int().min(1), message: z.string().max(500).optional() })
  .strict();
