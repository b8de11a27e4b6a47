import { saveSetting } from "@/lib/server/approval-admin";
import { handler } from "@/lib/server/handler";
import { loadSmtpSettings, SMTP_SETTING } from "@/lib/server/notifications/settings";
import { smtpSchema } from "@/lib/schemas/approval-workflow";

export const GET = handler({ access: { permission: "settings:manage" } }, async ({ prisma }) => {
  const s = await loadSmtpSettings(prisma);
  if (!s) return { configured: false };
  const { password, ...rest } = s;
  return { configured: true, ...rest, password_set: Boolean(password) };
});

export const PUT = handler(
  { access: { permission: "settings:manage" }, body: smtpSchema },
  async ({ prisma, actor, body }) => {
    await saveSetting(prisma, actor, SMTP_SETTING, body);
    return { configured: true };
  },
);
