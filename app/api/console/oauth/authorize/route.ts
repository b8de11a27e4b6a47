import { authorizeDecisionSchema } from "@/lib/schemas/person-oauth";
import { answerAuthorization } from "@/lib/server/channels/person-oauth";
import { handler } from "@/lib/server/handler";

/** The consent page's answer: a one-time code for the person's MCP client (or access_denied), as a redirect target. */
export const POST = handler(
  { access: { permission: "approvals:decide" }, body: authorizeDecisionSchema },
  ({ prisma, principal, actor, body }) => answerAuthorization(prisma, principal, actor, body),
);
