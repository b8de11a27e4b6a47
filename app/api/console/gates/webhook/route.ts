import { handler } from "@/lib/server/handler";
import { setWebhookUrl } from "@/lib/server/metrics/gate-settings";
import { webhookSchema } from "@/lib/schemas/metrics";

/** Where gate state changes are POSTed (through the SSRF guard); null turns it off. */
export const PUT = handler(
  { access: { permission: "settings:manage" }, body: webhookSchema },
  async ({ prisma, actor, body }) => setWebhookUrl(prisma, actor, body.url || null),
);
