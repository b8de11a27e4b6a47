import { expect, test } from "@playwright/test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { startServerEverything } from "../lib/testing/server-everything";
import { adminApiToken, signIn, unique } from "./helpers";
import { newAgent, publishPolicy } from "./agents";

// The gateway end to end: a real server-everything upstream over Streamable HTTP, the console
// started as `npm start` runs it, an SDK client as the agent, and an approver in the browser.
const APPROVAL_REQUIRED = -32011;
const DENIED = -32010;

let upstream: Awaited<ReturnType<typeof startServerEverything>>;

test.describe.configure({ mode: "serial" });
test.beforeAll(async () => {
  upstream = await startServerEverything();
});
test.afterAll(async () => {
  await upstream?.stop();
});

async function callError(
  client: Client,
  name: string,
  args: Record<string, unknown>,
  meta?: Record<string, unknown>,
): Promise<McpError> {
  const err = await client.callTool({ name, arguments: args, ...(meta ? { _meta: meta } : {}) }).then(
    (r) => new Error(`expected an error, got ${JSON.stringify(r)}`),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(McpError);
  return err as McpError;
}

test("an agent reaches a catalogued server through the gateway; a held write runs once after an approver approves it", async ({
  page,
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  const server = unique("gw").toLowerCase();
  const created = await request.post("/api/console/servers", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      environment: "development",
      name: server,
      transport: "remote_http",
      url: upstream.url,
      owner: "platform",
      tools: [
        { name: "echo", action: "read", risk: "low" },
        { name: "get-sum", action: "write", risk: "medium" },
        { name: "get-tiny-image", action: "admin", risk: "high" },
      ],
    },
  });
  expect(created.status()).toBe(201);
  await publishPolicy(
    request,
    token,
    `version: v1
rules:
  - id: allow-reads
    match: { labels: { mcp.action: read } }
    decision: ALLOW
  - id: writes-need-approval
    match: { labels: { mcp.action: write } }
    decision: REQUIRE_APPROVAL
    constraints: { max_runtime_sec: 30, max_retries: 1 }
`,
    "development",
  );
  const scopes = [`mcp:${server}:read`, `mcp:${server}:write`, `mcp:${server}:admin`];
  const { client: agentApi } = await newAgent(request, token, baseURL!, scopes, "development");
  const path = `/mcp/development/${server}`;

  // RFC 9728: the 401 points at this path's metadata, which answers for it.
  const anonymous = await request.post(path, { data: { jsonrpc: "2.0", id: 1, method: "tools/list" } });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toContain(
    `resource_metadata="${baseURL}/.well-known/oauth-protected-resource${path}"`,
  );
  const prm = await (await request.get(`/.well-known/oauth-protected-resource${path}`)).json();
  expect(prm).toMatchObject({ resource: `${baseURL}${path}`, bearer_methods_supported: ["header"] });
  expect(prm.scopes_supported).toContain(`mcp:${server}:write`);

  const agent = new Client({ name: "e2e-agent", version: "1.0.0" });
  await agent.connect(
    new StreamableHTTPClientTransport(new URL(`${baseURL}${path}`), {
      requestInit: { headers: { authorization: `Bearer ${await agentApi.accessToken()}` } },
    }),
  );
  try {
    // Only what policy could allow: no rule allows admin calls, uncatalogued tools never show.
    const { tools } = await agent.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(["echo", "get-sum"]);

    expect((await agent.callTool({ name: "echo", arguments: { message: "through the console" } })).content).toEqual([
      { type: "text", text: "Echo: through the console" },
    ]);
    expect((await callError(agent, "get-tiny-image", {})).code).toBe(DENIED);

    const held = await callError(agent, "get-sum", { a: 20, b: 22 });
    expect(held.code).toBe(APPROVAL_REQUIRED);
    const approval = (held.data as { approval: { id: string; url: string } }).approval;
    expect(approval.url).toBe(`${baseURL}/approvals?id=${approval.id}`);

    const approverEmail = `${unique("approver")}@example.com`;
    const user = await request.post("/api/console/users", {
      headers: { authorization: `Bearer ${token}` },
      data: { email: approverEmail, role: "approver", password: "approver-password-1" },
    });
    expect(user.status()).toBe(201);
    await signIn(page, approverEmail, "approver-password-1");
    await expect(page.getByRole("link", { name: /Approvals/ })).toBeVisible();
    await page.goto(new URL(approval.url).pathname + new URL(approval.url).search);
    const detail = page.getByTestId("approval-detail");
    await expect(detail).toContainText("get-sum");
    await expect(detail).toContainText("writes-need-approval");
    await page.getByRole("button", { name: "Approve", exact: true }).click();
    // The queue moves on to the next request; the decided one is under Decided.
    await expect(page.getByTestId(`approval-item-${approval.id}`)).toHaveCount(0);
    await page.goto(`/approvals?view=history&id=${approval.id}`);
    await expect(detail).toContainText(`Decided by${approverEmail}`);

    // The identical retry goes through once; the spent grant is refused after that.
    const result = await agent.callTool({ name: "get-sum", arguments: { a: 20, b: 22 } });
    expect(result.content).toEqual([{ type: "text", text: "The sum of 20 and 22 is 42." }]);
    expect(result._meta?.["governance-console/decision"]).toMatchObject({
      outcome: "CONSTRAINTS",
      output_safety: "ALLOW",
    });
    const spent = await callError(agent, "get-sum", { a: 20, b: 22 }, { approval_id: approval.id });
    expect(spent.data).toMatchObject({ decision: "DENY", reason: "approval_already_used" });
  } finally {
    await agent.close();
  }
});
