import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

export const roleSchema = z.enum(ROLES);

export const createUserSchema = z.object({
  email: z
    .email()
    .max(320)
    .transform((e) => e.trim().toLowerCase()),
  name: z.string().trim().max(200).default(""),
  role: roleSchema,
  password: z.string().min(12, "at least 12 characters").max(1024),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const updateUserSchema = z
  .object({
    name: z.string().trim().max(200).optional(),
    role: roleSchema.optional(),
    disabled: z.boolean().optional(),
    password: z.string().min(12, "at least 12 characters").max(1024).optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "nothing to change");
export type UpdateUserInput = z.infer<typeof updateUserSchema>;

export const createApiTokenSchema = z.object({ name: z.string().trim().min(1, "required").max(100) }).strict();

/** The sign-in form, within the bounds the credentials provider accepts (lib/server/auth-options.ts). */
export const signInSchema = z.object({
  email: z.email("Enter your e-mail address.").max(320, "At most 320 characters."),
  password: z.string().min(1, "Enter your password.").max(1024, "At most 1024 characters."),
});
