import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { updateGroup } from "@/lib/server/approval-admin";
import { channelsWorld, serveRoutes } from "@/lib/testing/channels-world";
import { makeUser } from "@/lib/testing/principals";
import { blockAction, signedSlackRequest, startSlackStandIn } from "@/lib/testing/slack-standin";
import { testDbKinds } from "@/lib/testing/test-db";
import { voteOnApproval } from "../enforcement/decide-approval";
import { HttpProblem } from "../errors";
import { newSecret } from "../secrets";
import { LINK_TOKEN_PREFIX } from "./email";
import { saveSlackApp } from "./settings";
import { APPROVE_ACTION } from "./slack";
import { startSlackLink } from "./slack-identity";

// The stand-in listens on loopback, which only SSRF_ALLOW_HOSTS lets through (env is read once, lazily).
process.env.SSRF_ALLOW_HOSTS = "127.0.0.1";
const kinds = await testDbKinds();
const slackRoute = await import("@/app/api/slack/interactions/route");
const confirmRoute = await import("@/app/api/console/approval-links/confirm/route");
const mcpRoute = await import("@/app/mcp/approvals/route");

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const SLACK_URL = "http://127.0.0.1/api/slack/interactions";

describe.each(kinds)("one approval answered at once from every channel on %s", (kind) => {
  let w: Awaited<ReturnType<typeof channelsWorld>>;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;
  let http: Awaited<ReturnType<typeof serveRoutes>>;
  let sre3: Awaited<ReturnType<typeof makeUser>>;
  let sre4: Awaited<ReturnType<typeof makeUser>>;
  let assistant: Client;
  let sre2Token: string;

  beforeAll(async () => {
    w = await channelsWorld(kind);
    sre3 = await makeUser(w.db.prisma, "approver");
    sre4 = await makeUser(w.db.prisma, "approver");
    const group = await w.db.prisma.approverGroup.findUniqueOrThrow({ where: { name: "sre" } });
    const { sre1, sre2, owner } = w.people;
    await updateGroup(w.db.prisma, w.people.admin.actor, group.id, {
      members: [sre1, sre2, owner, sre3, sre4].map((p) => p.principal.userId),
    });
    slack = await startSlackStandIn("xoxb-1111-2222-standintoken");
    await saveSlackApp(w.db.prisma, w.people.admin.actor, {
      botToken: "xoxb-1111-2222-standintoken",
      signingSecret: SECRET,
      apiBaseUrl: slack.apiBaseUrl,
      defaultChannel: "C0DEFAULT",
      groupChannels: {},
    });
    const { code } = await startSlackLink(w.db.prisma, sre1.principal, sre1.actor);
    await slackRoute.POST(
      signedSlackRequest(SLACK_URL, SECRET, { command: "/approvals", text: `link ${code}`, user_id: "U0SRE1" }),
    );
    http = await serveRoutes(mcpRoute);
    assistant = new Client({ name: "assistant", version: "1" });
    await assistant.connect(
      new StreamableHTTPClientTransport(new URL(`${http.url}/mcp/approvals`), {
        requestInit: { headers: { authorization: `Bearer ${await w.token(sre3)}` } },
      }),
    );
    sre2Token = await w.token(w.people.sre2);
  });
  afterAll(async () => {
    await assistant?.close();
    await http?.close();
    await slack?.close();
    await w?.dispose();
  });

  /** An e-mail approve link of sre2's for this approval, as sendApproverEmails stores it. */
  async function emailLink(approvalId: string): Promise<string> {
    const a = await w.db.prisma.approval.findUniqueOrThrow({ where: { id: approvalId } });
    const link = newSecret(LINK_TOKEN_PREFIX);
    await w.db.prisma.approvalLink.create({
      data: {
        approvalId,
        userId: w.people.sre2.principal.userId,
        action: "approve",
        tokenHash: link.hash,
        expiresAt: a.expiresAt,
      },
    });
    return link.token;
  }

  /** Slack, e-mail, MCP and the console approve `id` at the same moment; who won and what the others were told. */
  async function race(id: string) {
    const token = await emailLink(id);
    const ephemerals = slack.calls.length;
    const [fromSlack, fromEmail, fromMcp, fromConsole] = await Promise.all([
      slackRoute.POST(signedSlackRequest(SLACK_URL, SECRET, blockAction("U0SRE1", APPROVE_ACTION, id))),
      confirmRoute.POST(
        new Request("http://127.0.0.1/api/console/approval-links/confirm", {
          method: "POST",
          headers: { authorization: `Bearer ${sre2Token}`, "content-type": "application/json" },
          body: JSON.stringify({ token }),
        }),
      ),
      assistant.callTool({ name: "approve", arguments: { id } }) as Promise<CallToolResult>,
      voteOnApproval(w.db.prisma, id, sre4.principal, { approve: true }).then(
        () => null,
        (err: unknown) => err,
      ),
    ]);
    expect(fromSlack.status).toBe(200);
    const slackRefusal = slack.calls
      .slice(ephemerals)
      .find((c) => c.method === "chat.postEphemeral" && c.body.user === "U0SRE1");
    const mcpText = fromMcp.content.map((c) => (c.type === "text" ? c.text : "")).join("");
    const wins = {
      slack: !slackRefusal,
      email: fromEmail.status === 200,
      mcp: !fromMcp.isError,
      console: fromConsole === null,
    };
    const told = {
      slack: String(slackRefusal?.body.text ?? ""),
      email: wins.email ? "" : `${fromEmail.status} ${(await fromEmail.json()).detail}`,
      mcp: wins.mcp ? "" : mcpText,
      console: fromConsole instanceof HttpProblem ? `${fromConsole.status} ${fromConsole.detail}` : String(fromConsole),
    };
    return { wins, told };
  }

  it("exactly one of four approvers wins a request needing one approval; the others are told it is decided", async () => {
    const id = await w.hold();
    const { wins, told } = await race(id);
    const winners = Object.entries(wins).filter(([, won]) => won);
    expect(winners, JSON.stringify(told)).toHaveLength(1);
    const row = await w.db.prisma.approval.findUniqueOrThrow({ where: { id }, include: { votes: true } });
    expect(row.status).toBe("APPROVED");
    expect(row.votes).toHaveLength(1);
    expect(row.decidedChannel).toBe(winners[0][0]);
    for (const [channel, won] of Object.entries(wins)) {
      if (won) continue;
      expect(told[channel as keyof typeof told], channel).toMatch(/already approved/);
    }
    if (!wins.email) expect(told.email).toMatch(/^409 /);
    if (!wins.console) expect(told.console).toMatch(/^409 /);
    const events = await w.db.prisma.auditEvent.findMany({ where: { targetId: id, action: "approval.approved" } });
    expect(events).toHaveLength(1);
  });

  it("exactly two of four win a four-eyes request; the request is approved once", async () => {
    const id = await w.hold("jira");
    const { wins, told } = await race(id);
    expect(Object.values(wins).filter(Boolean), JSON.stringify(told)).toHaveLength(2);
    const row = await w.db.prisma.approval.findUniqueOrThrow({ where: { id }, include: { votes: true } });
    expect(row.status).toBe("APPROVED");
    expect(row.votes).toHaveLength(2);
    expect(new Set(row.votes.map((v) => v.userId)).size).toBe(2);
    expect(await w.db.prisma.auditEvent.count({ where: { targetId: id, action: "approval.approved" } })).toBe(1);
  });
});
