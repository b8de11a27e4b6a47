import { expect, test, type APIRequestContext, type Browser } from "@playwright/test";
import { SEED_POLICY_YAML, SEED_TABLE } from "../lib/policy/seed-table";
import { adminApiToken, confirmDialog, signIn, unique } from "./helpers";

async function createUser(request: APIRequestContext, token: string, role: string) {
  const email = `${unique(role)}@example.com`;
  const res = await request.post("/api/console/users", {
    headers: { authorization: `Bearer ${token}` },
    data: { email, role, password: "user-password-1234" },
  });
  expect(res.status()).toBe(201);
  return email;
}

async function pageFor(browser: Browser, baseURL: string | undefined, email: string) {
  const ctx = await browser.newContext({ baseURL });
  const page = await ctx.newPage();
  await signIn(page, email, "user-password-1234");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  return page;
}

test("the seed table decides the same through the HTTP simulator", async ({ request }) => {
  const token = await adminApiToken(request);
  const res = await request.post("/api/console/policies/production/simulate", {
    headers: { authorization: `Bearer ${token}` },
    data: { calls: SEED_TABLE.map((r) => r.call), policy: SEED_POLICY_YAML },
  });
  expect(res.status()).toBe(200);
  const { results } = await res.json();
  SEED_TABLE.forEach((row, i) => {
    expect(results[i], row.name).toMatchObject({
      decision: row.expected.decision,
      outcome: row.expected.outcome,
      rule_id: row.expected.ruleId,
      constraints: row.expected.constraints ?? {},
    });
    expect(results[i].trace.length).toBe(3);
  });
});

test("an invalid policy is refused with 422 naming line and field, and nothing is stored", async ({ request }) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const before = await (await request.get("/api/console/policies/development", { headers: auth })).json();
  const res = await request.put("/api/console/policies/development", {
    headers: { ...auth, "content-type": "application/yaml" },
    data: Buffer.from(
      "version: v1\nrules:\n  - id: ok-rule\n    match: {labels: {mcp.colour: red}}\n    decision: ALLOW\n",
    ),
  });
  expect(res.status()).toBe(422);
  const body = await res.json();
  expect(body.errors[0]).toMatchObject({ line: 4, path: expect.stringContaining("rules[0].match.labels") });
  const after = await (await request.get("/api/console/policies/development", { headers: auth })).json();
  expect(after.draft).toEqual(before.draft);
});

test("a policy author adds a rule in the form, sees it in YAML, requests a production publish that another author approves", async ({
  browser,
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  const author = await createUser(request, token, "policy_author");
  const reviewer = await createUser(request, token, "policy_author");
  const ruleId = unique("deny-deletes").toLowerCase();

  const page = await pageFor(browser, baseURL, author);
  await page.getByRole("link", { name: "Policies" }).click();
  await expect(page.getByRole("heading", { name: "Policies" })).toBeVisible();
  await page.getByRole("navigation", { name: "Environment" }).getByRole("link", { name: "production" }).click();
  await expect(page).toHaveURL(/env=production/);
  await page.getByRole("button", { name: "Add rule" }).click();
  await page.getByLabel("Rule id").fill(ruleId);
  await page.getByLabel("Decision").selectOption("DENY");
  await page.getByLabel("Servers (mcp.server)").fill("github");
  await page.getByLabel("Tools (mcp.tool)").fill("delete_*");
  await page.getByRole("button", { name: "Add rule to draft" }).click();
  await expect(page.getByTestId(`rule-${ruleId}`)).toContainText("mcp.tool = delete_*");
  await expect(page.getByText("Unsaved edits")).toBeVisible();

  await page.getByRole("tab", { name: "YAML" }).click();
  await expect(page.getByTestId("yaml-editor")).toContainText(`id: ${ruleId}`);

  await page.getByRole("tab", { name: "Simulator" }).click();
  await page.getByLabel("Server").fill("github");
  await page.getByLabel("Tool").fill("delete_repository");
  await page.getByLabel("Action class").selectOption("write");
  await page.getByRole("button", { name: "Decide" }).click();
  await expect(page.getByTestId("simulation-result")).toContainText(ruleId);
  await expect(page.getByTestId("simulation-result")).toContainText("DENY");

  await page.getByLabel("Publish message").fill("deny repository deletes");
  await page.getByRole("button", { name: "Request publish" }).click();
  await expect(page.getByTestId(`rule-change-${ruleId}`)).toContainText("Added");
  await confirmDialog(page, "Request review");
  await expect(page.getByText("Sent for review")).toBeVisible();
  await page.getByRole("link", { name: "Reviews" }).click();
  await expect(page.getByText("This is your request: another person must review it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve and apply" })).toHaveCount(0);

  const rpage = await pageFor(browser, baseURL, reviewer);
  // The reviewer has the live production policy cached in the client before approving.
  await rpage.getByRole("link", { name: "Policies" }).click();
  const liveBefore = (await (await rpage.request.get("/api/console/policies/production")).json()).current;
  await expect(rpage.getByText(liveBefore ? `Live v${liveBefore.version}` : "No policy published")).toBeVisible();
  await rpage.getByRole("link", { name: "Reviews" }).click();
  const change = rpage.locator("li", { hasText: "Publish production policy: deny repository deletes" });
  await expect(change.getByTestId(`rule-change-${ruleId}`)).toContainText(`id: ${ruleId}`);
  await expect(change.getByTestId("change-counts")).toHaveText(/^\d+ added · 0 changed · 0 removed$/);
  await expect(change.getByTestId("change-impact")).toContainText("Replay of the last 7 days");
  await change.getByRole("button", { name: "Approve and apply" }).click();
  await expect(rpage.getByText("Nothing to review")).toBeVisible();
  await expect(
    rpage.getByTestId("decided-changes").locator("tr", { hasText: "deny repository deletes" }).first(),
  ).toContainText("Approved");
  // The Policies page shows the version the review just published, without a reload.
  await rpage.getByRole("link", { name: "Policies" }).click();
  await expect(rpage.getByText(`Live v${(liveBefore?.version ?? 0) + 1}`)).toBeVisible();

  const live = await (await rpage.request.get("/api/console/policies/production")).json();
  expect(live.current.source).toContain(ruleId);
  expect(live.current.reviewedBy).toBe(reviewer);
  expect(live.current.authorLabel).toBe(author);
});

test("a viewer reads policies but cannot edit or publish them", async ({ browser, request, baseURL }) => {
  const token = await adminApiToken(request);
  const viewer = await createUser(request, token, "viewer");
  const page = await pageFor(browser, baseURL, viewer);
  await page.goto("/policies?env=staging");
  await expect(page.getByRole("tab", { name: "Rules" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Add rule" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  const put = await page.request.put("/api/console/policies/staging", { data: { source: SEED_POLICY_YAML } });
  expect(put.status()).toBe(403);
  const publish = await page.request.put("/api/console/policies/staging?publish=true", {
    data: { source: SEED_POLICY_YAML },
  });
  expect(publish.status()).toBe(403);
});
