import { saveSetting } from "@/lib/server/approval-admin";
import { handler } from "@/lib/server/handler";
import { ESCALATION_SETTING, loadEscalationSettings } from "@/lib/server/notifications/settings";
import { escalationSchema } from "@/lib/schemas/approval-workflow";

export const GET = handler({ access: { permission: "approvals:read" } }, async ({ prisma }) => ({
  escalation: await loadEscalationSettings(prisma),
}));

export const PUT = handler(
  { access: { permission: "settings:manage" }, body: escalationSchema },
  async ({ prisma, actor, body }) => {
    await saveSetting(prisma, actor, ESCALATION_SETTING, body);
    return { escalation: body };
  },
);
