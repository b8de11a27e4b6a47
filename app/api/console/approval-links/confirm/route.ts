import { approvalLinkConfirmSchema } from "@/lib/schemas/approvals";
import { confirmApprovalLink } from "@/lib/server/channels/email-links";
import { handler } from "@/lib/server/handler";

/** The e-mail confirmation page's answer: spends the link and votes as the signed-in person (channel "email"). */
export const POST = handler(
  { access: { permission: "approvals:decide" }, body: approvalLinkConfirmSchema },
  async ({ prisma, principal, body }) => confirmApprovalLink(prisma, principal, body),
);
