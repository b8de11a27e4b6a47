import "server-only";
import nodemailer from "nodemailer";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { open, seal } from "../crypto-box";

export const CHANNEL_SECRET_PURPOSE = "notification-channel-secret";
const SMTP_PASSWORD_PURPOSE = "smtp-password";
export const SMTP_SETTING = "notifications.smtp";
export const ESCALATION_SETTING = "approvals.escalation";

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  from: string;
  /** Refuse to send unless the server upgrades the connection with STARTTLS (with secure: false). */
  starttls?: boolean;
  /** For a local relay with a self-signed certificate only. */
  insecureTls?: boolean;
  /** Send each approver who may decide a request an e-mail with one-time approve / deny links. */
  approverLinks?: boolean;
}

export async function loadSmtpSettings(prisma: PrismaClient): Promise<(SmtpSettings & { password?: string }) | null> {
  const row = await prisma.setting.findUnique({ where: { key: SMTP_SETTING } });
  if (!row) return null;
  const v = row.value as unknown as SmtpSettings & { passwordEnc?: string };
  return { ...v, password: v.passwordEnc ? open(v.passwordEnc, SMTP_PASSWORD_PURPOSE) : undefined };
}

export function smtpSettingValue(input: SmtpSettings & { password?: string }) {
  const { password, ...rest } = input;
  return { ...rest, ...(password ? { passwordEnc: seal(password, SMTP_PASSWORD_PURPOSE) } : {}) };
}

export interface EscalationSettings {
  /** Minutes a request may wait before it is escalated to the fallback group (seed's median target). */
  afterMin: number;
}

export async function loadEscalationSettings(prisma: PrismaClient): Promise<EscalationSettings> {
  const row = await prisma.setting.findUnique({ where: { key: ESCALATION_SETTING } });
  const v = (row?.value ?? {}) as Partial<EscalationSettings>;
  return { afterMin: typeof v.afterMin === "number" && v.afterMin > 0 ? v.afterMin : 10 };
}

/** The one SMTP transport: TLS from the start (secure), or STARTTLS (required when starttls is set). */
export function smtpTransport(smtp: SmtpSettings & { password?: string }) {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: !smtp.secure && Boolean(smtp.starttls),
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    tls: smtp.insecureTls ? { rejectUnauthorized: false } : undefined,
  });
}
