import { z } from "zod";

export const decisionRequestSchema = z
  .object({
    server: z.string().min(1).max(200),
    tool: z.string().min(1).max(200),
    arguments: z.record(z.string(), z.unknown()).default({}),
    approval_id: z.uuid().optional(),
    idempotency_key: z.string().min(1).max(200).optional(),
    trace: z.boolean().optional(),
  })
  .strict();
export type DecisionRequest = z.infer<typeof decisionRequestSchema>;

export const toolResultSchema = z
  .object({
    status: z.enum(["ok", "error", "timeout"]),
    duration_ms: z.number().int().min(0).max(86_400_000),
    output: z.unknown().optional(),
  })
  .strict();
export type ToolResultInput = z.infer<typeof toolResultSchema>;
