import { z } from "zod";
import { NOTIFICATION_EVENT_NAMES } from "./notification-events";

export const groupSchema = z
  .object({
    name: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "Lower-case letters, digits, . _ - (up to 63), e.g. sre."),
    description: z.string().trim().max(500, "At most 500 characters.").default(""),
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
    name: z.string().trim().min(1, "Enter a name.").max(100, "At most 100 characters."),
    kind: z.enum(["slack", "webhook", "email"]),
    target: z.string().trim().min(3, "Enter where to send.").max(2000, "At most 2000 characters."),
    secret: z.string().min(16, "At least 16 characters.").max(200, "At most 200 characters.").optional(),
    events: z.array(z.enum(NOTIFICATION_EVENT_NAMES)).min(1, "Pick at least one event."),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.kind === "email" && !z.email().safeParse(v.target).success)
      ctx.addIssue({ code: "custom", path: ["target"], message: "Enter an e-mail address." });
    if (v.kind !== "email" && !/^https?:\/\//i.test(v.target))
      ctx.addIssue({ code: "custom", path: ["target"], message: "Enter an http(s) URL." });
  });

export const smtpSchema = z
  .object({
    host: z.string().trim().min(1, "Enter the SMTP server's host name.").max(255, "At most 255 characters."),
    port: z
      .number({ error: "A port from 1 to 65535." })
      .int("A port from 1 to 65535.")
      .min(1, "A port from 1 to 65535.")
      .max(65535, "A port from 1 to 65535."),
    secure: z.boolean().default(false),
    user: z.string().max(255).optional(),
    password: z.string().max(500).optional(),
    from: z.string().trim().min(3, "Enter the sender address, e.g. approvals@example.com.").max(320),
    starttls: z.boolean().optional(),
    insecureTls: z.boolean().optional(),
    approverLinks: z.boolean().optional(),
  })
  .strict();

export const escalationSchema = z
  .object({
    afterMin: z
      .number({ error: "Enter whole minutes." })
      .int("Enter whole minutes.")
      .min(1, "From 1 to 1440 minutes.")
      .max(24 * 60, "From 1 to 1440 minutes."),
  })
  .strict();
