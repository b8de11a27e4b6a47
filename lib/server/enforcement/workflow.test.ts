import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enforcementWorld, publish } from "@/lib/testing/enforcement-world";
import { makeUser } from "@/lib/testing/principals";
import { openTestDb, testDbKinds } from "@/lib/testing/test-db";
import { createChannel, createGroup, saveSetting, updateGroup } from "../approval-admin";
import { SYSTEM_ACTOR } from "../audit";
import { deliverDue } from "../notifications/deliver";
import { SMTP_SETTING } from "../notifications/settings";
import { approvalStatusForAgent } from "./approval-status";
import { voteOnApproval } from "./decide-approval";
import { escalateWaiting } from "./escalate";
import { expireApprovals } from "./approvals";

// The local webhook receiver is on loopback, which only SSRF_ALLOW_HOSTS lets through (read once, lazily).
process.env.SSRF_ALLOW_HOSTS = "127.0.0.1";
const kinds = await testDbKinds();

const POLICY = `version: v1
rules:
  - id: reads
    match: {labels: {mcp.action: read}}
    decision: ALLOW
  - id: github-writes
    match: {labels: {mcp.server: github, mcp.action: write}}
    decision: REQUIRE_APPROVAL
    constraints: {approver_group: sre}
  - id: jira-four-eyes
    match: {labels: {mcp.server: jira}}
    decision: REQUIRE_APPROVAL
    constraints: {approver_groups: [security, sre], approvals_required: 2}
  - id: notion-standing
    match: {labels: {mcp.server: notion, mcp.action: write}}
    decision: REQUIRE_APPROVAL
    constraints: {approval_scope: window, approval_window_min: 30, approval_bind_arguments: [/space]}
`;

describe.each(kinds)("approval workflow on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let world: Awaited<ReturnType<typeof enforcementWorld>>;
  const people: Record<string, Awaited<ReturnType<typeof makeUser>>> = {};

  beforeAll(async () => {
    db = await openTestDb(kind);
    world = await enforcementWorld(db, POLICY);
    for (const name of ["sre1", "sre2", "sec1", "oncall", "outsider"])
      people[name] = await makeUser(db.prisma, "approver");
    const admin = await makeUser(db.prisma, "admin");
    for (const [group, members, fallback] of [
      ["sre", ["sre1", "sre2"], false],
      ["security", ["sec1"], false],
      ["oncall", ["oncall"], true],
    ] as const) {
      const g = await createGroup(db.prisma, admin.actor, { name: group, description: "", fallback });
      await updateGroup(db.prisma, admin.actor, g.id, { members: members.map((m) => people[m].principal.userId) });
    }
  });
  afterAll(async () => db?.dispose());

  it("edit-and-approve binds the grant to the corrected call only", async () => {
    const original = { repo: "acme/api", title: "drop table users" };
    const held = await world.call({ server: "github", tool: "create_issue", arguments: original });
    const edited = { repo: "acme/api", title: "investigate users table" };
    await voteOnApproval(db.prisma, held.body.approval.id, people.sre1.principal, {
      approve: true,
      arguments: edited,
      reason: "narrowed",
    });
    const status = await approvalStatusForAgent(db.prisma, held.body.approval.id, world.agent.clientId, 0);
    expect(status).toMatchObject({ status: "APPROVED", approved_arguments: edited });
    expect(
      (
        await world.call({
          server: "github",
          tool: "create_issue",
          arguments: original,
          approval_id: held.body.approval.id,
        })
      ).body,
    ).toMatchObject({ decision: "DENY", reason: "approval_request_mismatch" });
    expect(
      (
        await world.call({
          server: "github",
          tool: "create_issue",
          arguments: edited,
          approval_id: held.body.approval.id,
        })
      ).body.decision,
    ).toBe("ALLOW");
    expect(
      (
        await world.call({
          server: "github",
          tool: "create_issue",
          arguments: edited,
          approval_id: held.body.approval.id,
        })
      ).body.reason,
    ).toBe("approval_already_used");
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "approval.approved", targetId: held.body.approval.id },
    });
    expect(event.data).toMatchObject({ edited: true, approved_arguments: edited, original_arguments: original });
  });

  it("only the named group decides, until the request is escalated to the fallback group", async () => {
    const held = await world.call({ server: "github", tool: "create_issue", arguments: { n: 2 } });
    await expect(
      voteOnApproval(db.prisma, held.body.approval.id, people.outsider.principal, { approve: true }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      voteOnApproval(db.prisma, held.body.approval.id, people.oncall.principal, { approve: true }),
    ).rejects.toMatchObject({ status: 403 });
    await db.prisma.approval.update({
      where: { id: held.body.approval.id },
      data: { createdAt: new Date(Date.now() - 11 * 60_000) },
    });
    expect(await escalateWaiting(db.prisma)).toBeGreaterThanOrEqual(1);
    const a = await db.prisma.approval.findUniqueOrThrow({ where: { id: held.body.approval.id } });
    expect(a).toMatchObject({ escalatedTo: "oncall" });
    expect(await escalateWaiting(db.prisma)).toBe(0);
    const approved = await voteOnApproval(db.prisma, held.body.approval.id, people.oncall.principal, { approve: true });
    expect(approved.status).toBe("APPROVED");
  });

  it("approver_groups need one approval from each group (four eyes across teams)", async () => {
    const held = await world.call({ server: "jira", tool: "create_issue", arguments: { p: "OPS" } });
    expect(held.body.approval.status).toBe("PENDING");
    const first = await voteOnApproval(db.prisma, held.body.approval.id, people.sre1.principal, { approve: true });
    expect(first.status).toBe("PENDING");
    await expect(
      voteOnApproval(db.prisma, held.body.approval.id, people.sre2.principal, { approve: true }),
    ).resolves.toMatchObject({ status: "PENDING" });
    const second = await voteOnApproval(db.prisma, held.body.approval.id, people.sec1.principal, { approve: true });
    expect(second.status).toBe("APPROVED");
  });

  it("a standing approval allows repeats of the bound call within its window, and not after", async () => {
    const held = await world.call({ server: "notion", tool: "create_page", arguments: { space: "ENG", title: "a" } });
    await voteOnApproval(db.prisma, held.body.approval.id, people.sre1.principal, { approve: true });
    const again = await world.call({ server: "notion", tool: "create_page", arguments: { space: "ENG", title: "b" } });
    expect(again.body).toMatchObject({ decision: "ALLOW", approval: { id: held.body.approval.id } });
    expect(
      (await world.call({ server: "notion", tool: "create_page", arguments: { space: "ENG", title: "c" } })).body
        .decision,
    ).toBe("ALLOW");
    const other = await world.call({ server: "notion", tool: "create_page", arguments: { space: "HR", title: "a" } });
    expect(other.body).toMatchObject({ decision: "REQUIRE_APPROVAL" });
    expect(other.body.approval.id).not.toBe(held.body.approval.id);
    await db.prisma.approval.update({
      where: { id: held.body.approval.id },
      data: { windowEndsAt: new Date(Date.now() - 1000) },
    });
    const after = await world.call({ server: "notion", tool: "create_page", arguments: { space: "ENG", title: "d" } });
    expect(after.body.decision).toBe("REQUIRE_APPROVAL");
    expect((await db.prisma.approval.findUniqueOrThrow({ where: { id: held.body.approval.id } })).useCount).toBe(2);
  });

  it("an expired request is denied with approval_timeout", async () => {
    await publish(db, POLICY);
    const held = await world.call({ server: "github", tool: "create_issue", arguments: { n: 9 } });
    await db.prisma.approval.update({
      where: { id: held.body.approval.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expireApprovals(db.prisma);
    expect(
      (
        await world.call({
          server: "github",
          tool: "create_issue",
          arguments: { n: 9 },
          approval_id: held.body.approval.id,
        })
      ).body,
    ).toMatchObject({ decision: "DENY", reason: "approval_timeout" });
  });

  it("delivers signed webhooks and e-mails, and retries a failing destination with a log", async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    let failures = 0;
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        if (req.url === "/fail") {
          failures += 1;
          res.writeHead(500).end();
          return;
        }
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, _s, cb) {
        let d = "";
        stream.on("data", (c) => (d += c));
        stream.on("end", () => {
          mails.push(d);
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
    const port = (receiver.address() as AddressInfo).port;
    const smtpPort = (smtp.server.address() as AddressInfo).port;
    try {
      const actor = SYSTEM_ACTOR;
      await createChannel(db.prisma, actor, {
        name: "hook",
        kind: "webhook",
        target: `http://127.0.0.1:${port}/hook`,
        secret: "0123456789abcdef-secret",
        events: ["approval.requested"],
        enabled: true,
      });
      await createChannel(db.prisma, actor, {
        name: "slack",
        kind: "slack",
        target: `http://127.0.0.1:${port}/slack`,
        events: ["approval.requested"],
        enabled: true,
      });
      await createChannel(db.prisma, actor, {
        name: "broken",
        kind: "webhook",
        target: `http://127.0.0.1:${port}/fail`,
        events: ["approval.requested"],
        enabled: true,
      });
      await createChannel(db.prisma, actor, {
        name: "mail",
        kind: "email",
        target: "approvers@example.com",
        events: ["approval.requested"],
        enabled: true,
      });
      await saveSetting(db.prisma, actor, SMTP_SETTING, {
        host: "127.0.0.1",
        port: smtpPort,
        secure: false,
        from: "console@example.com",
      });
      const held = await world.call({ server: "github", tool: "delete_repository", arguments: { repo: "acme/old" } });
      expect(held.body.decision).toBe("REQUIRE_APPROVAL");
      await deliverDue(db.prisma);
      const hook = received.find((r) => r.headers["x-mgc-signature"]);
      expect(hook).toBeTruthy();
      const expected = `sha256=${createHmac("sha256", "0123456789abcdef-secret").update(`${hook!.headers["x-mgc-timestamp"]}.${hook!.body}`).digest("hex")}`;
      expect(hook!.headers["x-mgc-signature"]).toBe(expected);
      expect(JSON.parse(hook!.body)).toMatchObject({
        event: "approval.requested",
        approval: { id: held.body.approval.id, url: expect.stringContaining(held.body.approval.id) },
      });
      expect(JSON.parse(received.find((r) => !r.headers["x-mgc-signature"])!.body).text).toContain(
        "Approval needed: github · delete_repository",
      );
      expect(mails.join("\n")).toContain("Approval needed: github");
      const broken = await db.prisma.notificationChannel.findFirstOrThrow({ where: { name: "broken" } });
      const failing = await db.prisma.notificationDelivery.findFirstOrThrow({ where: { channelId: broken.id } });
      expect(failing).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500" });
      await db.prisma.notificationDelivery.update({ where: { id: failing.id }, data: { nextAttemptAt: new Date(0) } });
      await deliverDue(db.prisma);
      expect(failures).toBe(2);
      expect((await db.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: failing.id } })).attempts).toBe(2);
    } finally {
      receiver.close();
      smtp.close();
    }
  });
});
