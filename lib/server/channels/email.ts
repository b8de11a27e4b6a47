import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { loadSmtpSettings, smtpTransport } from "../notifications/settings";
import { newSecret } from "../secrets";
import { eligibleApprovers } from "./approvers";
import { runChannelJobs } from "./jobs";
import { type ApprovalSummary, approvalSummary, argumentsText, constraintsText, waitedFor } from "./summary";

export const LINK_TOKEN_PREFIX = "mgc_link";

export function confirmUrl(token: string): string {
  return `${env().PUBLIC_URL}/approvals/confirm?t=${encodeURIComponent(token)}`;
}

export function approverEmail(s: ApprovalSummary, links: { approve: string; deny: string }, now = new Date()) {
  const subject = `Approval needed: ${s.server} · ${s.tool} (${s.risk} risk) for ${s.agent} in ${s.environment}`;
  const text = [
    `${s.agent} asks to call ${s.server} · ${s.tool} (${s.action}, ${s.risk} risk) in ${s.environment}.`,
    "",
    `Rule: ${s.rule_id ?? "—"} · constraints: ${constraintsText(s.constraints)}`,
    `Approver group: ${s.escalated_to ? `${s.approver_group} or ${s.escalated_to}` : (s.approver_group ?? "any approver")}`,
    `Approvals: ${s.votes} of ${s.approvals_required}`,
    `Waiting: ${waitedFor(s.created_at, now)} · expires ${s.expires_at}`,
    "",
    "Arguments (masked):",
    argumentsText(s.arguments),
    "",
    "Each link opens a confirmation page in the console (you sign in there); nothing is decided until you confirm.",
    "The links work once, only for you, and expire with the request.",
    "",
    `Approve: ${links.approve}`,
    `Deny (a reason is asked): ${links.deny}`,
    "",
    `To edit the arguments before approving, open the request in the console: ${s.url}`,
  ].join("\n");
  return { subject, text };
}

/**
 * The e-mail job of one approval: every person who may decide it now and has no links yet gets
 * a message with two one-time links (approve, deny). The links are stored (hashed) after the
 * message was accepted, so a failed send leaves nobody with links that were never delivered.
 */
export async function sendApproverEmails(prisma: PrismaClient, approvalId: string, now = new Date()): Promise<number> {
  const a = await prisma.approval.findUnique({ where: { id: approvalId }, include: { votes: true } });
  if (a?.status !== "PENDING" || a.expiresAt <= now) return 0;
  const smtp = await loadSmtpSettings(prisma);
  if (!smtp?.approverLinks) return 0;
  const sent = new Set(
    (await prisma.approvalLink.findMany({ where: { approvalId }, select: { userId: true } })).map((l) => l.userId),
  );
  const people = (await eligibleApprovers(prisma, a)).filter((u) => !sent.has(u.id));
  if (!people.length) return 0;
  const transport = smtpTransport(smtp);
  const summary = approvalSummary(a, now);
  try {
    for (const person of people) {
      const approve = newSecret(LINK_TOKEN_PREFIX);
      const deny = newSecret(LINK_TOKEN_PREFIX);
      const msg = approverEmail(summary, { approve: confirmUrl(approve.token), deny: confirmUrl(deny.token) }, now);
      await transport.sendMail({ from: smtp.from, to: person.email, subject: msg.subject, text: msg.text });
      await prisma.approvalLink.createMany({
        data: [
          { approvalId, userId: person.id, action: "approve", tokenHash: approve.hash, expiresAt: a.expiresAt },
          { approvalId, userId: person.id, action: "deny", tokenHash: deny.hash, expiresAt: a.expiresAt },
        ],
      });
    }
  } finally {
    transport.close();
  }
  return people.length;
}

export function deliverApproverEmails(prisma: PrismaClient, now = new Date()) {
  return runChannelJobs(prisma, "email", (p, id) => sendApproverEmails(p, id).then(() => undefined), now);
}
