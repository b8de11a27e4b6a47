import { z } from "zod";

export const approvalListQuery = z.object({
  status: z.enum(["PENDING", "APPROVED", "DENIED", "EXPIRED", "VOIDED", "CONSUMED", "DECIDED"]).optional(),
  environment: z.enum(["development", "staging", "production"]).optional(),
  server: z.string().max(200).optional(),
  risk: z.enum(["low", "medium", "high"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const approveSchema = z
  .object({ reason: z.string().trim().max(2000).optional(), arguments: z.record(z.string(), z.unknown()).optional() })
  .strict();
export const denySchema = z
  .object({ reason: z.string().trim().min(1, "a reason is required to deny").max(2000) })
  .strict();
