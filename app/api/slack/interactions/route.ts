import { handleSlackRequest } from "@/lib/server/channels/slack-interactions";
import { handler } from "@/lib/server/handler";

// Public to the role check, but nothing is read before Slack's request signature is verified.
export const POST = handler({ access: { public: true } }, ({ prisma, req }) => handleSlackRequest(prisma, req));
