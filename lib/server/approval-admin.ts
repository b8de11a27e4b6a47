import "server-only";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { z } from "zod";
import type {
  channelSchema,
  escalationSchema,
  groupSchema,
  groupUpdateSchema,
  smtpSchema,
} from "@/lib/schemas/approval-workflow";
import { writeAudit, type Actor } from "./audit";
import { seal } from "./crypto-box";
import { Conflict, NotFound } from "./errors";
import {
  CHANNEL_SECRET_PURPOSE,
  type ESCALATION_SETTING,
  SMTP_SETTING,
  smtpSettingValue,
} from "./notifications/settings";

export async function listGroups(prisma: PrismaClient) {
  const groups = await prisma.approverGroup.findMany({ orderBy: { name: "asc" }, include: { members: true } });
  const users = await prisma.user.findMany({
    where: { id: { in: groups.flatMap((g) => g.members.map((m) => m.userId)) } },
    select: { id: true, email: true },
  });
  const email = new Map(users.map((u) => [u.id, u.email]));
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    fallback: g.fallback,
    members: g.members.map((m) => ({ user_id: m.userId, email: email.get(m.userId) ?? "(deleted user)" })),
  }));
}

export async function createGroup(prisma: PrismaClient, actor: Actor, input: z.infer<typeof groupSchema>) {
  return prisma.$transaction(async (tx) => {
    if (await tx.approverGroup.findUnique({ where: { name: input.name } }))
      throw Conflict(`A group named ${input.name} exists.`, "already-exists", [
        { path: "name", message: "A group with this name exists." },
      ]);
    const g = await tx.approverGroup.create({ data: input });
    await writeAudit(tx, {
      actor,
      action: "approver_group.create",
      target: { type: "approver_group", id: g.id },
      data: input,
    });
    return g;
  });
}

export async function updateGroup(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  input: z.infer<typeof groupUpdateSchema>,
) {
  return prisma.$transaction(async (tx) => {
    const g = await tx.approverGroup.findUnique({ where: { id } });
    if (!g) throw NotFound("The group");
    if (input.members) {
      const found = await tx.user.count({ where: { id: { in: input.members } } });
      if (found !== new Set(input.members).size) throw NotFound("One of the users");
      await tx.groupMember.deleteMany({ where: { groupId: id } });
      await tx.groupMember.createMany({ data: [...new Set(input.members)].map((userId) => ({ groupId: id, userId })) });
    }
    const updated = await tx.approverGroup.update({
      where: { id },
      data: { description: input.description, fallback: input.fallback },
    });
    await writeAudit(tx, {
      actor,
      action: "approver_group.update",
      target: { type: "approver_group", id },
      data: { name: g.name, ...input },
    });
    return updated;
  });
}

export async function deleteGroup(prisma: PrismaClient, actor: Actor, id: string) {
  await prisma.$transaction(async (tx) => {
    const g = await tx.approverGroup.findUnique({ where: { id } });
    if (!g) throw NotFound("The group");
    await tx.approverGroup.delete({ where: { id } });
    await writeAudit(tx, {
      actor,
      action: "approver_group.delete",
      target: { type: "approver_group", id },
      data: { name: g.name },
    });
  });
}

/** Channels never return their secret. */
export async function listChannels(prisma: PrismaClient) {
  const rows = await prisma.notificationChannel.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(({ secretEnc, ...c }) => ({ ...c, signed: Boolean(secretEnc) }));
}

export async function createChannel(prisma: PrismaClient, actor: Actor, input: z.infer<typeof channelSchema>) {
  const { secret, ...rest } = input;
  return prisma.$transaction(async (tx) => {
    const c = await tx.notificationChannel.create({
      data: { ...rest, secretEnc: secret ? seal(secret, CHANNEL_SECRET_PURPOSE) : null },
    });
    await writeAudit(tx, {
      actor,
      action: "notification_channel.create",
      target: { type: "notification_channel", id: c.id },
      data: { ...rest, signed: Boolean(secret) },
    });
    const { secretEnc: _s, ...safe } = c;
    return { ...safe, signed: Boolean(secret) };
  });
}

export async function deleteChannel(prisma: PrismaClient, actor: Actor, id: string) {
  await prisma.$transaction(async (tx) => {
    const c = await tx.notificationChannel.findUnique({ where: { id } });
    if (!c) throw NotFound("The channel");
    await tx.notificationDelivery.deleteMany({ where: { channelId: id, status: { in: ["pending", "sending"] } } });
    await tx.notificationChannel.delete({ where: { id } });
    await writeAudit(tx, {
      actor,
      action: "notification_channel.delete",
      target: { type: "notification_channel", id },
      data: { name: c.name },
    });
  });
}

export async function listDeliveries(prisma: PrismaClient, limit = 100) {
  return prisma.notificationDelivery.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: {
      id: true,
      channelId: true,
      event: true,
      approvalId: true,
      status: true,
      attempts: true,
      lastError: true,
      deliveredAt: true,
      createdAt: true,
      nextAttemptAt: true,
    },
  });
}

export async function saveSetting(
  prisma: PrismaClient,
  actor: Actor,
  key: typeof SMTP_SETTING | typeof ESCALATION_SETTING,
  value: z.infer<typeof smtpSchema> | z.infer<typeof escalationSchema>,
) {
  await prisma.$transaction(async (tx) => {
    let stored: Prisma.InputJsonValue = value;
    if (key === SMTP_SETTING) {
      // Saving without a password keeps the stored one (forms never show it back).
      const prev = (await tx.setting.findUnique({ where: { key } }))?.value as { passwordEnc?: string } | undefined;
      const next = smtpSettingValue(value as z.infer<typeof smtpSchema>);
      stored = "passwordEnc" in next || !prev?.passwordEnc ? next : { ...next, passwordEnc: prev.passwordEnc };
    }
    await tx.setting.upsert({ where: { key }, create: { key, value: stored }, update: { value: stored } });
    const { password: _p, ...shown } = value as Record<string, unknown>;
    await writeAudit(tx, {
      actor,
      action: "setting.update",
      target: { type: "setting", id: key },
      data: {
        ...shown,
        ...(key === SMTP_SETTING && "password" in value && value.password ? { password: "(changed)" } : {}),
      },
    });
  });
}
