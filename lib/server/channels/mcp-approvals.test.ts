import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelsWorld, serveRoutes } from "@/lib/testing/channels-world";
import { testDbKinds } from "@/lib/testing/test-db";
import { issueAccessToken } from "../identity/issue-token";

const kinds = await testDbKinds();
const route = await import("@/app/mcp/approvals/route");

describe.each(kinds)("MCP for people at /mcp/approvals on %s", (kind) => {
  let w: Awaited<ReturnType<typeof channelsWorld>>;
  let http: Awaited<ReturnType<typeof serveRoutes>>;

  beforeAll(async () => {
    w = await channelsWorld(kind);
    http = await serveRoutes(route);
  });
  afterAll(async () => {
    await http?.close();
    await w?.dispose();
  });

  async function connect(token: string) {
    const client = new Client({ name: "assistant", version: "1" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${http.url}/mcp/approvals`), {
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    return client;
  }
  const text = (r: unknown) => (r as CallToolResult).content.map((c) => (c.type === "text" ? c.text : "")).join("");

  it("lists, shows, approves and denies as the token's person, through the one decision function", async () => {
    const first = await w.hold();
    const second = await w.hold();
    const client = await connect(await w.token(w.people.sre1));
    expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual([
      "approve",
      "deny",
      "get_approval",
      "list_pending_approvals",
    ]);
    const listed = JSON.parse(text(await client.callTool({ name: "list_pending_approvals", arguments: {} })));
    expect(listed.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining([first, second]));
    const shown = JSON.parse(text(await client.callTool({ name: "get_approval", arguments: { id: first } })));
    expect(shown).toMatchObject({ id: first, server: "github", tool: "create_issue", rule_id: "github-writes" });
    expect(JSON.stringify(shown.arguments)).not.toContain("ghp_x");

    const approved = await client.callTool({ name: "approve", arguments: { id: first, reason: "looks right" } });
    expect(approved.isError).toBeFalsy();
    const row = await w.db.prisma.approval.findUniqueOrThrow({ where: { id: first }, include: { votes: true } });
    expect(row).toMatchObject({ status: "APPROVED", decidedChannel: "mcp" });
    expect(row.votes).toEqual([expect.objectContaining({ userId: w.people.sre1.principal.userId, channel: "mcp" })]);
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "approval.approved", targetId: first },
    });
    expect(event).toMatchObject({
      actorId: w.people.sre1.principal.userId,
      data: expect.objectContaining({ channel: "mcp" }),
    });

    const noReason = await client.callTool({ name: "deny", arguments: { id: second, reason: "" } });
    expect(noReason.isError).toBe(true);
    expect((await w.db.prisma.approval.findUniqueOrThrow({ where: { id: second } })).status).toBe("PENDING");
    const denied = await client.callTool({ name: "deny", arguments: { id: second, reason: "wrong repo" } });
    expect(denied.isError).toBeFalsy();
    expect(await w.db.prisma.approval.findUniqueOrThrow({ where: { id: second } })).toMatchObject({
      status: "DENIED",
      decisionReason: "wrong repo",
      decidedChannel: "mcp",
    });
    // Single use: a decided request cannot be decided again from any channel.
    const again = await client.callTool({ name: "approve", arguments: { id: second } });
    expect(again.isError).toBe(true);
    expect(text(again)).toContain("already denied");
    await client.close();
  });

  it("refuses the agent's owner, an approver outside the group and edit-and-approve outside the console", async () => {
    const id = await w.hold();
    const owner = await connect(await w.token(w.people.owner));
    const refused = await owner.callTool({ name: "approve", arguments: { id } });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toContain("You own this agent");
    const outsider = await connect(await w.token(w.people.outsider));
    expect(text(await outsider.callTool({ name: "approve", arguments: { id } }))).toContain("sre group");
    // The approve tool has no arguments field: the SDK client's extra input is dropped, not applied.
    const edited = await (await connect(await w.token(w.people.sre2))).callTool({
      name: "approve",
      arguments: { id, arguments: { repo: "acme/other" } },
    });
    expect(edited.isError).toBeFalsy();
    const row = await w.db.prisma.approval.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({
      status: "APPROVED",
      approvedArguments: null,
      decidedBy: w.people.sre2.principal.email,
    });
    await owner.close();
    await outsider.close();
  });

  it("refuses an agent's token, a viewer's token, a session-less call and a malformed body", async () => {
    const agent = await w.db.prisma.agent.findUniqueOrThrow({ where: { id: w.world.agent.agentId } });
    const agentToken = (await issueAccessToken(w.db.prisma, agent, { scopes: ["mcp:*:write"] })).access_token;
    const post = (headers: Record<string, string>, body = "{}") =>
      fetch(`${http.url}/mcp/approvals`, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json, text/event-stream", ...headers },
        body,
      });
    expect((await post({ authorization: `Bearer ${agentToken}` })).status).toBe(401);
    expect((await post({ authorization: "Bearer eyJhbGciOiJFUzI1NiJ9.e30.x" })).status).toBe(401);
    expect((await post({})).status).toBe(401);
    expect((await post({ authorization: `Bearer ${await w.token(w.people.viewer)}` })).status).toBe(403);
    const sre = await w.token(w.people.sre1);
    const bad = await post({ authorization: `Bearer ${sre}` }, "{not json");
    expect(bad.status).toBe(400);
    expect(bad.headers.get("content-type")).toContain("problem+json");
  });
});
