import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelsWorld } from "@/lib/testing/channels-world";
import { testDbKinds } from "@/lib/testing/test-db";
import { saveSetting } from "../approval-admin";
import { SYSTEM_ACTOR } from "../audit";
import { SMTP_SETTING } from "../notifications/settings";
import { deliverApproverEmails } from "./email";
import { describeApprovalLink } from "./email-links";

const kinds = await testDbKinds();
const confirmRoute = await import("@/app/api/console/approval-links/confirm/route");

interface Mail {
  to: string[];
  secure: boolean;
  text: string;
}

/** A real SMTP server in the test process; STARTTLS offered (with smtp-server's own certificate) or not. */
async function smtpServer(starttls: boolean) {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: starttls ? [] : ["STARTTLS"],
    onData(stream, session, cb) {
      let d = "";
      stream.on("data", (c) => (d += c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), secure: session.secure, text: d });
        cb();
      });
    },
  });
  server.on("error", () => {});
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { mails, port: (server.server.address() as AddressInfo).port, close: () => server.close() };
}

/** The message body with quoted-printable soft breaks and escapes undone. */
function decoded(raw: string): string {
  const soft = raw.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const hex = soft[i] === "=" ? /^[0-9A-F]{2}$/.exec(soft.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(Number.parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(soft.charCodeAt(i));
  }
  return Buffer.from(bytes).toString("utf8");
}

function linksOf(mail: Mail): { approve: string; deny: string } {
  const text = decoded(mail.text);
  const token = (label: string) =>
    new RegExp(`${label}[^\\n]*?/approvals/confirm\\?t=([A-Za-z0-9_-]+)`).exec(text)?.[1];
  return { approve: token("Approve: ")!, deny: token("Deny \\(a reason is asked\\): ")! };
}

describe.each(kinds)("approval e-mails with one-time links on %s", (kind) => {
  let w: Awaited<ReturnType<typeof channelsWorld>>;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;

  beforeAll(async () => {
    w = await channelsWorld(kind);
    smtp = await smtpServer(false);
    await saveSetting(w.db.prisma, SYSTEM_ACTOR, SMTP_SETTING, {
      host: "127.0.0.1",
      port: smtp.port,
      secure: false,
      from: "console@example.com",
      approverLinks: true,
    });
  });
  afterAll(async () => {
    smtp?.close();
    await w?.dispose();
  });

  async function confirm(token: string, pat: string, reason?: string) {
    const res = await confirmRoute.POST(
      new Request("http://127.0.0.1/api/console/approval-links/confirm", {
        method: "POST",
        headers: { authorization: `Bearer ${pat}`, "content-type": "application/json" },
        body: JSON.stringify({ token, ...(reason === undefined ? {} : { reason }) }),
      }),
    );
    return { status: res.status, body: await res.json() };
  }

  async function mailsFor(approvalId: string) {
    const before = smtp.mails.length;
    await deliverApproverEmails(w.db.prisma);
    const mine = smtp.mails.slice(before).filter((m) => decoded(m.text).includes(`approvals?id=${approvalId}`));
    return new Map(mine.map((m) => [m.to[0], m]));
  }

  it("mails each person who may decide two links; opening one decides nothing; confirming decides once", async () => {
    const id = await w.hold();
    const mails = await mailsFor(id);
    const { sre1, sre2, owner, outsider } = w.people;
    // The group's approvers, but not the agent's owner (in the group too) nor anyone outside it.
    expect([...mails.keys()].sort()).toEqual([sre1.principal.email, sre2.principal.email].sort());
    expect(mails.has(owner.principal.email) || mails.has(outsider.principal.email)).toBe(false);
    const body = decoded(mails.get(sre1.principal.email)!.text);
    expect(body).toContain("github · create_issue");
    expect(body).toContain("Rule: github-writes");
    expect(body).not.toContain("ghp_x");
    const links = linksOf(mails.get(sre1.principal.email)!);
    expect(links.approve).toMatch(/^mgc_link_/);
    // Sending again sends nobody a second message.
    await w.db.prisma.$executeRawUnsafe(`UPDATE channel_jobs SET status = 'pending' WHERE "approvalId" = $1::uuid`, id);
    expect((await mailsFor(id)).size).toBe(0);

    // What a mail scanner, or the person, sees by opening the link: the request, and no change.
    const view = await describeApprovalLink(w.db.prisma, sre1.principal, links.approve);
    expect(view).toMatchObject({ state: "ready", action: "approve", approval: { id, status: "PENDING" } });
    expect(await describeApprovalLink(w.db.prisma, outsider.principal, links.approve)).toEqual({ state: "not_yours" });
    expect((await w.db.prisma.approval.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    expect(await w.db.prisma.approvalLink.count({ where: { approvalId: id, usedAt: { not: null } } })).toBe(0);

    // Another person cannot use it, even one allowed to decide.
    const stolen = await confirm(links.approve, await w.token(sre2));
    expect(stolen.status).toBe(403);
    // Ten parallel confirmations by its owner: exactly one decides.
    const pat = await w.token(sre1);
    const answers = await Promise.all(Array.from({ length: 10 }, () => confirm(links.approve, pat)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(9);
    const row = await w.db.prisma.approval.findUniqueOrThrow({ where: { id }, include: { votes: true } });
    expect(row).toMatchObject({ status: "APPROVED", decidedChannel: "email", decidedBy: sre1.principal.email });
    expect(row.votes).toHaveLength(1);
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "approval.approved", targetId: id },
    });
    expect(event.data).toMatchObject({ channel: "email" });
    // The deny link of the same mail is spent with it; the other approver's links find a decided request.
    expect((await confirm(links.deny, pat, "changed my mind")).status).toBe(409);
    const late = await confirm(linksOf(mails.get(sre2.principal.email)!).approve, await w.token(sre2));
    expect(late).toMatchObject({ status: 409, body: { detail: "This request is already approved." } });
  });

  it("a deny link needs a reason, keeps working until it gets one, and expires with the request", async () => {
    const id = await w.hold();
    const links = linksOf((await mailsFor(id)).get(w.people.sre2.principal.email)!);
    const pat = await w.token(w.people.sre2);
    const noReason = await confirm(links.deny, pat);
    expect(noReason.status).toBe(422);
    expect((await w.db.prisma.approval.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
    expect(await confirm(links.deny, pat, "not during the freeze")).toMatchObject({
      status: 200,
      body: { status: "DENIED", decisionReason: "not during the freeze", decidedChannel: "email" },
    });

    const other = await w.hold();
    const later = linksOf((await mailsFor(other)).get(w.people.sre1.principal.email)!);
    await w.db.prisma.approval.update({ where: { id: other }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await w.db.prisma.approvalLink.updateMany({
      where: { approvalId: other },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await describeApprovalLink(w.db.prisma, w.people.sre1.principal, later.approve)).toMatchObject({
      state: "expired",
    });
    expect((await confirm(later.approve, await w.token(w.people.sre1))).status).toBe(409);
    expect((await w.db.prisma.approval.findUniqueOrThrow({ where: { id: other } })).status).toBe("PENDING");
    // A viewer, a made-up token and a malformed one.
    expect((await confirm(later.approve, await w.token(w.people.viewer))).status).toBe(403);
    expect((await confirm(`mgc_link_${"x".repeat(43)}`, pat)).status).toBe(404);
    expect((await confirm("not-a-link-token", pat)).status).toBe(404);
  });

  it("with STARTTLS required, sends only over an upgraded connection and stores no links otherwise", async () => {
    const tls = await smtpServer(true);
    const plain = await smtpServer(false);
    const sendThrough = (port: number) =>
      saveSetting(w.db.prisma, SYSTEM_ACTOR, SMTP_SETTING, {
        host: "127.0.0.1",
        port,
        secure: false,
        starttls: true,
        // smtp-server's built-in certificate is self-signed.
        insecureTls: true,
        from: "console@example.com",
        approverLinks: true,
      });
    try {
      await sendThrough(plain.port);
      const id = await w.hold();
      await deliverApproverEmails(w.db.prisma);
      const key = { approvalId_kind: { approvalId: id, kind: "email" } };
      const job = await w.db.prisma.channelJob.findUniqueOrThrow({ where: key });
      expect(job).toMatchObject({ status: "pending", attempts: 1 });
      expect(job.lastError).toMatch(/STARTTLS/i);
      expect(plain.mails).toHaveLength(0);
      expect(await w.db.prisma.approvalLink.count({ where: { approvalId: id } })).toBe(0);

      await sendThrough(tls.port);
      await w.db.prisma.channelJob.update({ where: key, data: { nextAttemptAt: new Date(0) } });
      await deliverApproverEmails(w.db.prisma);
      expect(tls.mails.map((m) => m.to[0]).sort()).toEqual(
        [w.people.sre1.principal.email, w.people.sre2.principal.email].sort(),
      );
      expect(tls.mails.every((m) => m.secure)).toBe(true);
      expect(await w.db.prisma.approvalLink.count({ where: { approvalId: id } })).toBe(4);
      expect(await w.db.prisma.channelJob.findUniqueOrThrow({ where: key })).toMatchObject({ status: "done" });
    } finally {
      tls.close();
      plain.close();
    }
  });
});
