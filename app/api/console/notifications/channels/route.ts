import { createChannel, listChannels } from "@/lib/server/approval-admin";
import { handler } from "@/lib/server/handler";
import { channelSchema } from "@/lib/schemas/approval-workflow";
import { checkUrlSyntax } from "@/lib/server/ssrf";
import { Unprocessable } from "@/lib/server/errors";
import { outboundPolicyFor } from "@/lib/server/notifications/deliver";
import { env } from "@/lib/env";

export const GET = handler({ access: { permission: "settings:manage" } }, async ({ prisma }) => ({
  channels: await listChannels(prisma),
}));

export const POST = handler(
  { access: { permission: "settings:manage" }, body: channelSchema },
  async ({ prisma, actor, body }) => {
    if (body.kind !== "email") {
      // Checked when saved and again at every delivery (after DNS resolution).
      const check = checkUrlSyntax(body.target, {
        environment: outboundPolicyFor(body.target),
        allowHosts: env().SSRF_ALLOW_HOSTS,
      });
      if (!check.ok)
        throw Unprocessable(
          `The webhook URL is refused: ${check.reason}`,
          [{ path: "target", message: check.reason }],
          "ssrf-blocked",
        );
    }
    return Response.json(await createChannel(prisma, actor, body), { status: 201 });
  },
);
