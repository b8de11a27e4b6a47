import { handler } from "@/lib/server/handler";
import { gateSettingsView, updateGateSettings } from "@/lib/server/metrics/gate-settings";
import { gateSettingsSaveSchema } from "@/lib/schemas/metrics";

/** The gates' targets, block conditions, windows and owners (everyone reads; admins edit). */
export const GET = handler({ access: { permission: "dashboard:read" } }, async ({ prisma }) =>
  gateSettingsView(prisma),
);

/** The settings page's one save: edited gates and the webhook, all or nothing, each change audited. */
export const PUT = handler(
  { access: { permission: "settings:manage" }, body: gateSettingsSaveSchema },
  async ({ prisma, actor, body }) =>
    updateGateSettings(prisma, actor, {
      gates: body.gates.map((g) => ({
        metric: g.metric,
        target: g.target,
        block: g.block,
        windowMinutes: g.window_minutes,
        sustained: g.sustained,
        owner: g.owner,
      })),
      webhookUrl: body.webhook_url === undefined ? undefined : body.webhook_url || null,
    }),
);
