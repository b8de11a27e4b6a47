import { handler } from "@/lib/server/handler";
import { slackLinkStatus, startSlackLink, unlinkSlack } from "@/lib/server/channels/slack-identity";

/** The signed-in person's own Slack mapping: its state, a one-time code to verify it from Slack, or removal. */
export const GET = handler({ access: { signedIn: true } }, ({ prisma, principal }) =>
  slackLinkStatus(prisma, principal.userId),
);
export const POST = handler({ access: { signedIn: true } }, ({ prisma, principal, actor }) =>
  startSlackLink(prisma, principal, actor),
);
export const DELETE = handler({ access: { signedIn: true } }, async ({ prisma, principal, actor }) => {
  await unlinkSlack(prisma, principal, actor);
  return slackLinkStatus(prisma, principal.userId);
});
