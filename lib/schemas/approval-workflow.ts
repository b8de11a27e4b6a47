import { z } from "zod";
import { NOTIFICATION_EVENT_NAMES } from "./notification-events";

export const groupSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "lower-case letters, digits, . _ -"),
    description: z.string().trim().max(500).default(""),
    fallback: z.boolean().default(false),
  })
  .strict();
export const groupUpdateSchema = z
  .object({
    description: z.string().trim().max(500).optional(),
    fallback: z.boolean().optional(),
    members: z.array(z.uuid()).max(500).optional(),
  })
  .strict();

export const channelSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    kind: z.enum(["slack", "webhook", "email"]),
    target: z.string().trim().min(3).max(2000),
    secret: z.string().min(16, "at least 16 characters").max(200).optional(),
    events: z.array(z.enum(NOTIFICATION_EVENT_NAMES)).min(1, "pick at least one event"),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === "email" && !z.email().safeParse(v.target).success)
      ctx.addIssue({ code: "custom", path: ["target"], message: "must be an e-mail address" });
    if (v.kind !== "email" && !/^https?:\/\//i.test(v.target))
      ctx.addIssue({ code: "custom", path: ["target"], message: "must be an http(s) URL" });
  });

export const smtpSchema = z
  .object({
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    secure: z.boolean().default(false),
    user: z.string().max(255).optional(),
    password: z.string().max(500).optional(),
    from: z.string().trim().min(3).max(320),
    starttls: z.boolean().optional(),
    insecureTls: z.boolean().optional(),
    approverLinks: z.boolean().optional(),
  })
  .strict();

export const escalationSchema = z
  .object({
    afterMin: z
      .number()
      .int()
      .min(1)
      .max(24 * 60),
  })
  .strict();
