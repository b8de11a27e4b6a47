import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, ADMIN_PASSWORD, adminApiToken, signInOk } from "./helpers";
import { publishPolicy, seedCatalog } from "./agents";
import { AgentClient } from "../lib/agent-client";

const PAYLOADS = [
  `<img src=x onerror="window.__xss=1">`,
  `"><script>window.__xss=1</script>`,
  `javascript:window.__xss=1`,
  `{{constructor.constructor('window.__xss=1')()}}`,
];

test("hostile names, descriptions and arguments render as text, never as markup", async ({
  page,
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  await seedCatalog(request, token);
  await publishPolicy(request, token);
  const policy = `version: v1
rules:
  - id: xss-probe
    description: ${JSON.stringify(PAYLOADS[0] + PAYLOADS[1])}
    match: {labels: {mcp.action: write}}
    decision: REQUIRE_APPROVAL
  - id: reads
    match: {labels: {mcp.action: read}}
    decision: ALLOW
`;
  expect(
    (
      await request.put("/api/console/policies/staging", {
        headers: { ...auth, "content-type": "application/yaml" },
        data: Buffer.from(policy),
      })
    ).status(),
  ).toBe(200);
  const created = await (
    await request.post("/api/console/agents", {
      headers: auth,
      data: { name: PAYLOADS[1].slice(0, 60), environment: "production", scopes: ["mcp:*:write"], owner: PAYLOADS[0] },
    })
  ).json();
  const client = new AgentClient({
    baseUrl: baseURL!,
    clientId: created.client_id,
    clientSecret: created.client_secret,
    scopes: ["mcp:*:write"],
  });
  const held = await client.decide({
    server: "github",
    tool: "create_issue",
    arguments: { title: PAYLOADS.join(" "), body: PAYLOADS[1] },
  });
  expect(held.decision).toBe("REQUIRE_APPROVAL");

  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInOk(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  for (const url of [`/approvals?id=${held.approval!.id}`, "/policies?env=staging", "/agents", `/audit`]) {
    await page.goto(url);
    await page.waitForLoadState("networkidle");
  }
  await page.goto(`/approvals?id=${held.approval!.id}`);
  await expect(page.getByTestId("approval-arguments")).toContainText("<img src=x onerror=");
  await page.goto("/policies?env=staging");
  await expect(page.getByTestId("rule-xss-probe")).toContainText("<script>window.__xss=1</script>");
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator("img[src='x']").count()).toBe(0);
  expect(dialogs).toEqual([]);
});
