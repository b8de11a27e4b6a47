import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelsWorld } from "@/lib/testing/channels-world";
import { blockAction, denySubmission, signedSlackRequest, startSlackStandIn } from "@/lib/testing/slack-standin";
import { testDbKinds } from "@/lib/testing/test-db";
import { expireApprovals } from "../enforcement/approvals";
import { voteOnApproval } from "../enforcement/decide-approval";
import { loadSlackApp, SLACK_SETTING, saveSlackApp, slackApiBaseProblem } from "./settings";
import { APPROVE_ACTION, approvalMessage, DENY_ACTION, slackApi, syncSlackMessages } from "./slack";
import type { ApprovalSummary } from "./summary";
import { slackLinkStatus, startSlackLink } from "./slack-identity";

// The stand-in listens on loopback, which only SSRF_ALLOW_HOSTS lets through (env is read once, lazily).
process.env.SSRF_ALLOW_HOSTS = "127.0.0.1";
const kinds = await testDbKinds();
const interactions = await import("@/app/api/slack/interactions/route");

const BOT_TOKEN = "xoxb-1111-2222-standintoken";
const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const URL_ = "http://127.0.0.1/api/slack/interactions";

describe.each(kinds)("Slack approvals on %s", (kind) => {
  let w: Awaited<ReturnType<typeof channelsWorld>>;
  let slack: Awaited<ReturnType<typeof startSlackStandIn>>;

  /** Sends a Slack-signed form to the interactions route. */
  async function fromSlack(form: Record<string, string>, opts?: Parameters<typeof signedSlackRequest>[3]) {
    const res = await interactions.POST(signedSlackRequest(URL_, SIGNING_SECRET, form, opts));
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const calls = (method: string) => slack.calls.filter((c) => c.method === method);
  const status = async (id: string) => (await w.db.prisma.approval.findUniqueOrThrow({ where: { id } })).status;

  async function link(person: keyof typeof w.people, slackUser: string) {
    const p = w.people[person];
    const { code } = await startSlackLink(w.db.prisma, p.principal, p.actor);
    const res = await fromSlack({ command: "/approvals", text: `link ${code}`, user_id: slackUser, team_id: "T0TEAM" });
    expect(res.body.text).toContain(`answers approvals as ${p.principal.email}`);
  }

  beforeAll(async () => {
    w = await channelsWorld(kind);
    slack = await startSlackStandIn(BOT_TOKEN);
    await saveSlackApp(w.db.prisma, w.people.admin.actor, {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      apiBaseUrl: slack.apiBaseUrl,
      defaultChannel: "C0DEFAULT",
      groupChannels: { sre: "C0SRE" },
    });
    await link("sre1", "U0SRE1");
    await link("sre2", "U0SRE2");
    await link("owner", "U0OWNER");
  });
  afterAll(async () => {
    await slack?.close();
    await w?.dispose();
  });

  it("keeps the bot token and signing secret encrypted at rest", async () => {
    const row = await w.db.prisma.setting.findUniqueOrThrow({ where: { key: SLACK_SETTING } });
    expect(JSON.stringify(row.value)).not.toContain(BOT_TOKEN);
    expect(JSON.stringify(row.value)).not.toContain(SIGNING_SECRET);
    expect(await slackLinkStatus(w.db.prisma, w.people.sre1.principal.userId)).toMatchObject({
      linked: true,
      slack_user_id: "U0SRE1",
    });
  });

  it("posts a new request to the group's channel and approves it from a mapped person's click", async () => {
    const id = await w.hold();
    await syncSlackMessages(w.db.prisma);
    const post = calls("chat.postMessage").find((c) => JSON.stringify(c.body).includes(id))!;
    expect(post.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(post.body.channel).toBe("C0SRE");
    const text = JSON.stringify(post.body.blocks);
    for (const part of [
      "test agent",
      "production",
      "github",
      "create_issue",
      "medium",
      "github-writes",
      "approver_group",
    ])
      expect(text).toContain(part);
    expect(text).toContain("REDACTED");
    expect(text).not.toContain("ghp_x");
    expect(text).toContain(APPROVE_ACTION);
    expect(text).toContain(DENY_ACTION);

    expect((await fromSlack(blockAction("U0SRE1", APPROVE_ACTION, id))).status).toBe(200);
    const row = await w.db.prisma.approval.findUniqueOrThrow({ where: { id }, include: { votes: true } });
    expect(row).toMatchObject({
      status: "APPROVED",
      decidedChannel: "slack",
      decidedBy: w.people.sre1.principal.email,
    });
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "approval.approved", targetId: id },
    });
    expect(event).toMatchObject({
      actorId: w.people.sre1.principal.userId,
      data: expect.objectContaining({ channel: "slack" }),
    });

    await syncSlackMessages(w.db.prisma);
    const update = calls("chat.update").at(-1)!;
    const message = await w.db.prisma.slackMessage.findUniqueOrThrow({ where: { approvalId: id } });
    expect(message.ts).toMatch(/^1700000000\.\d{6}$/);
    expect(update.body).toMatchObject({ channel: "C0SRE", ts: message.ts });
    expect(JSON.stringify(update.body.blocks)).toContain(`Approved by ${w.people.sre1.principal.email} (slack)`);
    expect(JSON.stringify(update.body.blocks)).not.toContain(APPROVE_ACTION);
  });

  it("denies through the modal, which needs a reason", async () => {
    const id = await w.hold();
    await fromSlack(blockAction("U0SRE2", DENY_ACTION, id));
    const open = calls("views.open").at(-1)!;
    expect(open.body).toMatchObject({ trigger_id: "trigger-U0SRE2", view: { private_metadata: id } });
    expect(await status(id)).toBe("PENDING");
    const empty = await fromSlack(denySubmission("U0SRE2", id, "  "));
    expect(empty.body).toMatchObject({
      response_action: "errors",
      errors: { reason: "A reason is required to deny." },
    });
    expect(await status(id)).toBe("PENDING");
    expect((await fromSlack(denySubmission("U0SRE2", id, "wrong repository"))).body).toEqual({
      response_action: "clear",
    });
    expect(await w.db.prisma.approval.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "DENIED",
      decisionReason: "wrong repository",
      decidedChannel: "slack",
    });
  });

  it("refuses an unmapped clicker, the agent's owner and an unverified code with an ephemeral answer", async () => {
    const id = await w.hold();
    const ephemerals = calls("chat.postEphemeral").length;
    await fromSlack(blockAction("U0NOBODY", APPROVE_ACTION, id));
    await fromSlack(blockAction("U0NOBODY", DENY_ACTION, id));
    await fromSlack(blockAction("U0OWNER", APPROVE_ACTION, id));
    const modals = calls("views.open").length;
    await fromSlack(blockAction("U0OWNER", DENY_ACTION, id));
    const answers = calls("chat.postEphemeral").slice(ephemerals);
    expect(answers.map((c) => c.body.user)).toEqual(["U0NOBODY", "U0NOBODY", "U0OWNER", "U0OWNER"]);
    expect(String(answers[0].body.text)).toContain("not linked");
    expect(String(answers[2].body.text)).toContain("You own this agent");
    // The owner's Deny gets no modal to type a reason into, only the refusal.
    expect(String(answers[3].body.text)).toContain("Not denied");
    expect(calls("views.open").length).toBe(modals);
    expect(await status(id)).toBe("PENDING");
    expect(await w.db.prisma.approvalVote.count({ where: { approvalId: id } })).toBe(0);
    // An unmapped person's deny modal submission changes nothing either.
    expect((await fromSlack(denySubmission("U0NOBODY", id, "no"))).body.response_action).toBe("errors");
    // A code started in the console but sent by nobody maps nobody; a wrong code maps nobody.
    await startSlackLink(w.db.prisma, w.people.outsider.principal, w.people.outsider.actor);
    const wrong = await fromSlack({
      command: "/approvals",
      text: "link ABCDE-FGHJK",
      user_id: "U0OUT",
      team_id: "T0TEAM",
    });
    expect(wrong.body.text).toContain("not valid");
    await fromSlack(blockAction("U0OUT", APPROVE_ACTION, id));
    expect(await status(id)).toBe("PENDING");
  });

  it("refuses forged, replayed and unsigned requests before reading them", async () => {
    const id = await w.hold();
    const forged = await fromSlack(blockAction("U0SRE1", APPROVE_ACTION, id), { signature: `v0=${"0".repeat(64)}` });
    expect(forged.status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 360;
    expect((await fromSlack(blockAction("U0SRE1", APPROVE_ACTION, id), { timestampSec: sixMinutesAgo })).status).toBe(
      401,
    );
    const other = signedSlackRequest(URL_, "another-apps-signing-secret", blockAction("U0SRE1", APPROVE_ACTION, id));
    expect((await interactions.POST(other)).status).toBe(401);
    const unsigned = await interactions.POST(
      new Request(URL_, { method: "POST", body: new URLSearchParams(blockAction("U0SRE1", APPROVE_ACTION, id)) }),
    );
    expect(unsigned.status).toBe(401);
    expect(await status(id)).toBe("PENDING");
  });

  it("calls only Slack's hosts through the SSRF guard: other bases are refused when saved and when planted", async () => {
    const save = (apiBaseUrl: string) =>
      saveSlackApp(w.db.prisma, w.people.admin.actor, { apiBaseUrl, defaultChannel: "C0DEFAULT", groupChannels: {} });
    for (const base of [
      "https://evil.example/api",
      "http://169.254.169.254/api",
      "https://10.0.0.1/api",
      "https://slack.com.evil.example/api",
    ])
      await expect(save(base), base).rejects.toMatchObject({ status: 422, slug: "ssrf-blocked" });
    expect(slackApiBaseProblem("https://slack.com/api")).toBeNull();
    expect(slackApiBaseProblem("https://acme.slack-gov.com/api")).toBeNull();
    const app = (await loadSlackApp(w.db.prisma))!;
    const before = slack.calls.length;
    await expect(slackApi({ ...app, apiBaseUrl: "http://127.0.0.2:9/api" }, "chat.postMessage", {})).rejects.toThrow(
      /refused/,
    );
    expect(slack.calls.length).toBe(before);
  });

  it("refuses a byte-exact replay inside the 5-minute window", async () => {
    const id = await w.hold("jira");
    const at = Math.floor(Date.now() / 1000);
    const send = () =>
      interactions.POST(
        signedSlackRequest(URL_, SIGNING_SECRET, blockAction("U0SRE1", APPROVE_ACTION, id), { timestampSec: at }),
      );
    expect((await send()).status).toBe(200);
    const replay = await send();
    expect(replay.status).toBe(401);
    expect(await replay.text()).toContain("replay");
    const row = await w.db.prisma.approval.findUniqueOrThrow({ where: { id }, include: { votes: true } });
    expect(row.votes).toHaveLength(1);
    expect(row.status).toBe("PENDING");
  });

  it("answers hostile signed payloads and oversized bodies with 4xx or an empty 200, never 500", async () => {
    const id = await w.hold();
    const hostile = [
      "null",
      "[]",
      '"x"',
      "{not json",
      JSON.stringify({ type: "block_actions", user: 5, actions: "approval.approve" }),
      JSON.stringify({
        type: "block_actions",
        user: { id: ["U0SRE1"] },
        actions: [{ action_id: APPROVE_ACTION, value: { id } }],
      }),
      JSON.stringify({
        type: "view_submission",
        user: { id: "U0SRE1" },
        view: {
          callback_id: "approval.deny_reason",
          private_metadata: id,
          state: { values: { reason: { reason: { value: 42 } } } },
        },
      }),
    ];
    for (const [i, payload] of hostile.entries()) {
      const res = await fromSlack({ payload, n: String(i) });
      expect(res.status, payload).toBeLessThan(500);
    }
    const big = await interactions.POST(signedSlackRequest(URL_, SIGNING_SECRET, { payload: "x".repeat(70_000) }));
    expect(big.status).toBe(413);
    expect(big.headers.get("content-type")).toContain("problem+json");
    expect(await status(id)).toBe("PENDING");
  });

  it("updates the message when the request is decided in the console or expires", async () => {
    const inConsole = await w.hold();
    const expiring = await w.hold();
    await syncSlackMessages(w.db.prisma);
    const updates = calls("chat.update").length;
    await voteOnApproval(w.db.prisma, inConsole, w.people.sre2.principal, { approve: false, reason: "freeze" });
    await w.db.prisma.approval.update({ where: { id: expiring }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expireApprovals(w.db.prisma);
    await syncSlackMessages(w.db.prisma);
    const texts = calls("chat.update")
      .slice(updates)
      .map((c) => JSON.stringify(c.body.blocks));
    expect(
      texts.some((t) => t.includes(`Denied by ${w.people.sre2.principal.email} (console)`) && t.includes("freeze")),
    ).toBe(true);
    expect(texts.some((t) => t.includes("Expired"))).toBe(true);
    // A click on the stale message of a decided request changes nothing.
    await fromSlack(blockAction("U0SRE1", APPROVE_ACTION, inConsole));
    expect(await status(inConsole)).toBe("DENIED");
    expect(String(calls("chat.postEphemeral").at(-1)!.body.text)).toContain("already denied");
  });
});

it("escapes what an agent controls, so arguments cannot mention @channel or forge links in Slack", () => {
  const summary = {
    id: "00000000-0000-4000-8000-000000000000",
    status: "PENDING",
    environment: "production",
    agent: "<!channel> agent",
    server: "github",
    tool: "create_issue",
    action: "write",
    risk: "high",
    rule_id: null,
    constraints: {},
    arguments: { title: "<!here> see <https://evil.example|the docs> & more" },
    approver_group: null,
    escalated_to: null,
    votes: 0,
    approvals_required: 1,
    created_at: new Date().toISOString(),
    expires_at: new Date(Date.now() + 60_000).toISOString(),
    decided_by: null,
    decided_channel: null,
    decision_reason: null,
    url: "http://console.example/approvals?id=x",
  } satisfies ApprovalSummary;
  const text = JSON.stringify(approvalMessage(summary).blocks);
  expect(text).not.toContain("<!here>");
  expect(text).not.toContain("<!channel>");
  expect(text).not.toContain("<https://evil");
  expect(text).toContain("&lt;!here&gt;");
  expect(text).toContain("&amp; more");
});
