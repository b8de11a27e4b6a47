import { handler } from "@/lib/server/handler";
import { gateSettingsView } from "@/lib/server/metrics/gate-settings";

/** The gates' targets, block conditions, windows and owners (everyone reads; admins edit). */
export const GET = handler({ access: { permission: "dashboard:read" } }, async ({ prisma }) =>
  gateSettingsView(prisma),
);
