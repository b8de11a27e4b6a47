import { z } from "zod";

export const auditQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  action: z.string().trim().max(100).optional(),
  before: z
    .string()
    .regex(/^\d{1,19}$/, "must be an event sequence number")
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
