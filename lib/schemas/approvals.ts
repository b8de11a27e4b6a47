import { z } from "zod";

export const approvalListQuery = z.object({
  status: z.enum(["PENDING", "APPROVED", "DENIED", "EXPIRED", "VOIDED", "CONSUMED", "DECIDED"]).optional(),
  environment: z.enum(["development", "staging", "production"]).optional(),
  server: z.string().max(200).optional(),
  risk: z.enum(["low", "medium", "high"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Rows to skip, for paging the decided list (newest first). */
  offset: z.coerce.number().int().min(0).max(1_000_000).optional(),
});

export const approveSchema = z
  .object({ reason: z.string().trim().max(2000).optional(), arguments: z.record(z.string(), z.unknown()).optional() })
  .strict();
export const denySchema = z
  .object({ reason: z.string().trim().min(1, "a reason is required to deny").max(2000) })
  .strict();

/** Where a person decides an approval; every channel goes through the one decision function. */
export const APPROVAL_CHANNELS = ["console", "slack", "email", "mcp"] as const;
export type ApprovalChannel = (typeof APPROVAL_CHANNELS)[number];

/** The e-mail confirmation page's answer: the link's token and, for a denial, the reason. */
export const approvalLinkConfirmSchema = z
  .object({
    token: z.string().min(10).max(200),
    reason: z.string().trim().max(2000, "At most 2000 characters.").optional(),
  })
  .strict();

/** The confirmation page's form: the link's reason, required to deny as everywhere a person denies. */
export const approvalLinkReasonForm = {
  approve: approvalLinkConfirmSchema.pick({ reason: true }),
  deny: z.object({
    reason: z.string().trim().min(1, "A reason is required to deny.").max(2000, "At most 2000 characters."),
  }),
} as const;
