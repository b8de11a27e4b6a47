import "server-only";
import { lockInTx } from "./advisory-locks";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { CreateUserInput, UpdateUserInput } from "@/lib/schemas/users";
import { writeAudit, type Actor } from "./audit";
import { Conflict, NotFound } from "./errors";
import { hashPassword } from "./password";

export const USER_PUBLIC_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  disabled: true,
  createdAt: true,
  lastLoginAt: true,
} as const;

export async function listUsers(prisma: PrismaClient) {
  return prisma.user.findMany({ select: USER_PUBLIC_FIELDS, orderBy: { createdAt: "asc" } });
}

export async function createUser(prisma: PrismaClient, actor: Actor, input: CreateUserInput) {
  const passwordHash = await hashPassword(input.password);
  return prisma.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email } }))
      throw Conflict(`A user with e-mail ${input.email} exists.`, "already-exists");
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: input.role, passwordHash },
      select: USER_PUBLIC_FIELDS,
    });
    await writeAudit(tx, {
      actor,
      action: "user.create",
      target: { type: "user", id: user.id },
      data: { email: user.email, role: user.role },
    });
    return user;
  });
}

export async function updateUser(prisma: PrismaClient, actor: Actor, id: string, input: UpdateUserInput) {
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return prisma.$transaction(async (tx) => {
    await lockInTx(tx, "ADMIN_SET");
    const before = await tx.user.findUnique({ where: { id } });
    if (!before) throw NotFound("The user");
    const losesAdmin =
      before.role === "admin" &&
      !before.disabled &&
      ((input.role && input.role !== "admin") || input.disabled === true);
    if (losesAdmin && (await tx.user.count({ where: { role: "admin", disabled: false } })) <= 1) {
      throw Conflict("This is the last active admin; make another admin first.", "last-admin");
    }
    const user = await tx.user.update({
      where: { id },
      data: { name: input.name, role: input.role, disabled: input.disabled, ...(passwordHash ? { passwordHash } : {}) },
      select: USER_PUBLIC_FIELDS,
    });
    const changes: Record<string, unknown> = {};
    if (input.role && input.role !== before.role) changes.role = { from: before.role, to: input.role };
    if (input.disabled !== undefined && input.disabled !== before.disabled)
      changes.disabled = { from: before.disabled, to: input.disabled };
    if (input.name !== undefined && input.name !== before.name) changes.name = { from: before.name, to: input.name };
    if (passwordHash) changes.password = "reset";
    await writeAudit(tx, {
      actor,
      action: "user.update",
      target: { type: "user", id },
      data: { email: before.email, changes },
    });
    return user;
  });
}
