import { z } from "zod";

export const changeRequestListQuery = z.object({
  status: z.enum(["PENDING", "APPROVED", "REJECTED", "CANCELLED"]).optional(),
});
export const approveChangeSchema = z.object({ reason: z.string().trim().max(1000).optional() }).strict();
export const rejectChangeSchema = z
  .object({ reason: z.string().trim().min(1, "a reason is required to reject").max(1000) })
  .strict();
