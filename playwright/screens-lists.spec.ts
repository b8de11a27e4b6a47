import { expect, type Page, test } from "@playwright/test";
import { newAgent, publishPolicy, seedCatalog } from "./agents";
import { adminApiToken, signInAsAdmin, signInOk, unique } from "./helpers";

async function newUser(request: import("@playwright/test").APIRequestContext, token: string, role: string) {
  const email = `${unique(role)}@example.com`;
  const created = await request.post("/api/console/users", {
    headers: { authorization: `Bearer ${token}` },
    data: { email, role, password: `${role}-password-1` },
  });
  expect(created.status()).toBe(201);
  return { email, password: `${role}-password-1` };
}

/** The text of one column's cells on the page shown, top to bottom. */
async function columnTexts(page: Page, testId: string, column: number) {
  return page
    .getByTestId(testId)
    .locator(`tbody > tr > td:nth-child(${column})`)
    .evaluateAll((cells) => cells.map((c) => (c.textContent ?? "").trim()));
}

test("an auditor sorts and pages the agents list and hides a column from the Columns menu", async ({
  page,
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  // Enough agents for two pages whatever other tests created.
  const existing = (
    await (await request.get("/api/console/agents", { headers: { authorization: `Bearer ${token}` } })).json()
  ).agents.length as number;
  for (let i = existing; i < 27; i++) await newAgent(request, token, baseURL!, ["mcp:*:read"]);
  const total = Math.max(existing, 27);
  const auditor = await newUser(request, token, "auditor");

  await signInOk(page, auditor.email, auditor.password);
  await page.goto("/agents");
  const totals = page.getByTestId("agents-totals");
  await expect(totals).toHaveText(`1–25 of ${total} agents`);
  const rows = page.getByTestId("agents").locator("tbody > tr");
  await expect(rows).toHaveCount(25);
  // The auditor reads; no action buttons.
  await expect(page.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);

  // Sorted by name, ascending then descending, compared as the table compares text (case-insensitive).
  const header = page.getByTestId("agents").getByRole("columnheader", { name: /Agent/ });
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  const names = async () => (await columnTexts(page, "agents", 1)).map((t) => t.toLowerCase());
  const ascending = await names();
  expect(ascending).toEqual([...ascending].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  const descending = await names();
  expect(descending).toEqual([...descending].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
  expect(descending[0] >= ascending[0]).toBe(true);

  // Pages and page size.
  await page.getByRole("button", { name: "Next" }).click();
  await expect(totals).toHaveText(`26–${Math.min(total, 50)} of ${total} agents`);
  await expect(rows).toHaveCount(Math.min(total, 50) - 25);
  // A new page size keeps the first row shown in view: row 26 is on page 3 of 10.
  await page.getByLabel("Rows per page").selectOption("10");
  await expect(totals).toHaveText(`21–${Math.min(total, 30)} of ${total} agents`);
  await expect(rows).toHaveCount(Math.min(total, 30) - 20);
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(totals).toHaveText(`11–20 of ${total} agents`);
  await expect(rows).toHaveCount(10);

  // Columns: hide Scopes, then bring it back.
  const table = page.getByTestId("agents");
  await expect(table.getByRole("columnheader", { name: "Scopes" })).toBeVisible();
  await page.getByTestId("agents-columns").click();
  const scopes = page.getByRole("menuitemcheckbox", { name: "Scopes" });
  await expect(scopes).toHaveAttribute("aria-checked", "true");
  await scopes.click();
  await expect(scopes).toHaveAttribute("aria-checked", "false");
  await page.keyboard.press("Escape");
  await expect(table.getByRole("columnheader", { name: "Scopes" })).toHaveCount(0);
  await expect(rows.first().locator("td")).toHaveCount(4);
  await page.getByTestId("agents-columns").click();
  await page.getByRole("menuitemcheckbox", { name: "Scopes" }).click();
  await page.keyboard.press("Escape");
  await expect(table.getByRole("columnheader", { name: "Scopes" })).toBeVisible();
  await expect(rows.first().locator("td")).toHaveCount(5);
});

test("a server's page shows its health, what the live policy decides per tool and its latest decisions", async ({
  page,
  browser,
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  await seedCatalog(request, token);
  await publishPolicy(request, token);
  const { client } = await newAgent(request, token, baseURL!, ["mcp:*:read"]);
  const allowed = await client.decide({
    server: "github",
    tool: "get_file_contents",
    arguments: { path: unique("f") },
  });
  expect(allowed.decision).toBe("ALLOW");

  await signInAsAdmin(page);
  await page.goto("/servers?env=production");
  await page.getByTestId("server-github").getByRole("link", { name: "github" }).click();
  await expect(page).toHaveURL(/\/servers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "github", level: 1 })).toBeVisible();
  await expect(page.getByTestId("server-facts")).toContainText("production");
  const health = page.getByTestId("server-health");
  await expect(health).toContainText("Calls decided");
  await expect(health).not.toContainText("none in 24 h");
  // Coverage: the read tool is allowed by a named rule; every tool row says what decides it.
  const read = page.getByTestId("coverage-get_file_contents");
  await expect(read).toContainText("ALLOW");
  await expect(read.locator("td").nth(4)).not.toHaveText("");
  // The decision just made is listed, with the agent's name.
  const recent = page.getByTestId("decision-results");
  await expect(recent.locator("tbody > tr").first()).toContainText("github · get_file_contents");
  const serverUrl = page.url();

  // An approver may read the catalogue but not the audit trail: no decisions on the page.
  const approver = await newUser(request, token, "approver");
  const ctx = await browser.newContext();
  const ap = await ctx.newPage();
  await signInOk(ap, approver.email, approver.password);
  await ap.goto(serverUrl);
  await expect(ap.getByTestId("coverage-get_file_contents")).toBeVisible();
  await expect(ap.getByText("Readers of the audit trail")).toBeVisible();
  await expect(ap.getByTestId("decision-results")).toHaveCount(0);
  const overview = await ap.request.get(
    `${new URL(serverUrl).pathname.replace("/servers/", "/api/console/servers/")}/overview`,
  );
  expect((await overview.json()).recent_decisions).toBeNull();
  // An unknown id says so instead of failing.
  await ap.goto("/servers/00000000-0000-4000-8000-000000000000");
  await expect(ap.getByText("No such server")).toBeVisible();
  await ctx.close();
});

test("Servers reopens on the environment last opened there", async ({ page, request }) => {
  const token = await adminApiToken(request);
  await seedCatalog(request, token);
  await signInAsAdmin(page);
  await page.goto("/servers");
  await expect(page).toHaveURL(/\/servers(\?env=production)?$/);
  await page.getByRole("tab", { name: "staging" }).click();
  await expect(page).toHaveURL(/env=staging/);
  await page.goto("/policies");
  await page.goto("/servers");
  await expect(page).toHaveURL(/env=staging/);
  await expect(page.getByRole("tab", { name: "staging" })).toHaveAttribute("aria-selected", "true");
});

test("output-safety settings save once from the dirty bar", async ({ page, request }) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const settings = async () =>
    (await (await request.get("/api/console/output-safety", { headers: auth })).json()).settings;
  const before = await settings();
  await signInAsAdmin(page);
  await page.goto("/settings/output-safety");
  await expect(page.getByRole("button", { name: /^Save/ })).toHaveCount(0);
  const bar = page.getByTestId("dirty-bar");
  try {
    await page.getByLabel("Keep output text for (days)").fill("3");
    await page.getByLabel("Hosts, one per line").fill("docs.example.com\nnot a host!");
    await expect(bar).toContainText("allowed hosts, retention");
    await bar.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("From 7 to 3650 days.")).toBeVisible();
    await expect(page.getByText(/Each line must be a host name/)).toBeVisible();
    expect((await settings()).retentionDays).toBe(before.retentionDays);

    await page.getByLabel("Keep output text for (days)").fill("45");
    await page.getByLabel("Hosts, one per line").fill("docs.example.com");
    await bar.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("saved-notice")).toContainText("Saved.");
    await expect(bar).toHaveCount(0);
    expect(await settings()).toMatchObject({ retentionDays: 45, allowHosts: ["docs.example.com"] });
  } finally {
    await request.put("/api/console/output-safety", {
      headers: auth,
      data: { retentionDays: before.retentionDays, allowHosts: before.allowHosts },
    });
  }
});

test("the escalation time saves from the approval settings' dirty bar, errors beside the field", async ({
  page,
  request,
}) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const afterMin = async () =>
    (await (await request.get("/api/console/approvals/settings", { headers: auth })).json()).escalation
      .afterMin as number;
  const before = await afterMin();
  await signInAsAdmin(page);
  await page.goto("/approvals/settings");
  const field = page.getByLabel("Escalate after (min)");
  await expect(field).toHaveValue(String(before));
  const bar = page.getByTestId("dirty-bar");
  await expect(bar).toHaveCount(0);
  try {
    await field.fill("0");
    await expect(bar).toContainText("escalation time");
    await bar.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("From 1 to 1440 minutes.")).toBeVisible();
    expect(await afterMin()).toBe(before);

    const next = before === 15 ? 16 : 15;
    await field.fill(String(next));
    await bar.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("saved-notice")).toContainText("Saved.");
    await expect(bar).toHaveCount(0);
    expect(await afterMin()).toBe(next);
    await page.reload();
    await expect(page.getByLabel("Escalate after (min)")).toHaveValue(String(next));
  } finally {
    await request.put("/api/console/approvals/settings", { headers: auth, data: { afterMin: before } });
  }
});
