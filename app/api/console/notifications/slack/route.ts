import { slackAppSchema } from "@/lib/schemas/approval-channels";
import { saveSlackApp, slackAppView } from "@/lib/server/channels/settings";
import { handler } from "@/lib/server/handler";

/** The Slack app approvers answer in: the bot token and signing secret are stored encrypted and never returned. */
export const GET = handler({ access: { permission: "settings:manage" } }, ({ prisma }) => slackAppView(prisma));
export const PUT = handler(
  { access: { permission: "settings:manage" }, body: slackAppSchema },
  async ({ prisma, actor, body }) => {
    await saveSlackApp(prisma, actor, body);
    return slackAppView(prisma);
  },
);
