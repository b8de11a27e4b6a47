import { expect, test, type APIRequestContext, type Download, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { heldWriteWorld } from "./held-write-world";
import { adminApiToken, signIn, unique } from "./helpers";

test.describe.configure({ mode: "serial" });

/** A word only this run's arguments contain, so searches and leaks are unambiguous. */
const SECRET_WORD = `zebra${randomBytes(4).toString("hex")}`;

let clientId = "";
let heldDecisionId = "";
const users = {
  auditor: { email: "", password: "auditor-password-1" },
  viewer: { email: "", password: "viewer-password-1" },
};

async function createUser(request: APIRequestContext, token: string, role: "auditor" | "viewer") {
  const email = `${unique(role)}@example.com`;
  const res = await request.post("/api/console/users", {
    headers: { authorization: `Bearer ${token}` },
    data: { email, role, password: users[role].password },
  });
  expect(res.status()).toBe(201);
  users[role].email = email;
}

async function downloadText(page: Page, name: RegExp): Promise<{ text: string; download: Download }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return { text: await readFile((await download.path())!, "utf8"), download };
}

test.beforeAll(async ({ request, baseURL }) => {
  const world = await heldWriteWorld(request, baseURL!);
  const { token, client } = world;
  clientId = world.agent.client_id;
  await client.decide({ server: "github", tool: "get_file_contents", arguments: { path: `docs/${SECRET_WORD}.md` } });
  const held = await world.hold({ repo: "acme/api", title: `=cmd ${SECRET_WORD}` });
  expect(held.decision).toBe("REQUIRE_APPROVAL");
  heldDecisionId = held.decision_id;
  await client.decide({ server: "slack", tool: "admin_users_remove", arguments: { user: SECRET_WORD } });
  await createUser(request, token, "auditor");
  await createUser(request, token, "viewer");
});

test("an auditor searches, opens a decision with its policy and approval, and exports CSV", async ({ page }) => {
  await signIn(page, users.auditor.email, users.auditor.password);
  await page.getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await expect(page.getByTestId("chain-decisions")).toContainText("intact");
  await expect(page.getByTestId("chain-audit_events")).toBeVisible(); // audit-tamper.pg.spec.ts may break this chain for a moment

  await page.getByRole("textbox", { name: "Agent" }).fill(clientId);
  await page.getByRole("textbox", { name: "Agent" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`agent=${clientId}`));
  const results = page.getByTestId("decision-results");
  await expect(results.locator("tbody tr")).toHaveCount(3);
  // Arguments are a column this role may turn on (off by default so the ledger fits its card).
  await expect(results).not.toContainText(SECRET_WORD);
  await page.getByTestId("decision-results-columns").click();
  await page.getByRole("menuitemcheckbox", { name: "Arguments" }).click();
  await page.keyboard.press("Escape");
  await expect(results).toContainText(SECRET_WORD);

  await page.getByRole("combobox", { name: "Outcome" }).selectOption("APPROVAL");
  await expect(results.locator("tbody tr")).toHaveCount(1);
  await expect(page).toHaveURL(/outcome=APPROVAL/);

  // A shared link reproduces the view; free text reaches argument values for this role.
  await page.goto(`/audit?q=${SECRET_WORD}`);
  await expect(results.locator("tbody tr")).toHaveCount(3);

  await page.goto(`/audit?agent=${clientId}`);
  await results.getByRole("link", { name: "github · create_issue" }).click();
  await expect(page).toHaveURL(new RegExp(`/audit/decisions/${heldDecisionId}`));
  const detail = page.getByTestId("decision-detail");
  await expect(detail).toContainText("approval-required-write-actions");
  await expect(page.getByTestId("decision-policy")).toContainText("stored snapshot has this hash");
  await expect(page.getByTestId("decision-policy").getByRole("link", { name: /policy history/ })).toHaveAttribute(
    "href",
    "/policies?env=production&tab=history",
  );
  await expect(page.getByTestId("decision-approval")).toContainText("PENDING");
  await expect(page.getByTestId("decision-arguments")).toContainText("acme/api");
  await expect(detail).toContainText("recomputes");

  await page.goto(`/audit?agent=${clientId}`);
  await expect(results.locator("tbody tr")).toHaveCount(3);
  const { text, download } = await downloadText(page, /Export CSV/);
  expect(download.suggestedFilename()).toMatch(/^audit-decisions-.*\.csv$/);
  const lines = text.trimEnd().split("\r\n");
  const header = lines[0].split(",");
  expect(header).toEqual(
    expect.arrayContaining([
      "seq",
      "client_id",
      "server",
      "tool",
      "outcome",
      "rule_id",
      "request_hash",
      "arguments",
      "hash",
    ]),
  );
  expect(lines).toHaveLength(4);
  expect(lines.slice(1).every((l) => l.includes(clientId))).toBe(true);
  expect(text).toContain(SECRET_WORD);
  expect(text).toContain(`""title"":""=cmd ${SECRET_WORD}""`);
  const nd = await downloadText(page, /Export NDJSON/);
  const records = nd.text
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(records.map((r) => r.tool)).toEqual(["admin_users_remove", "create_issue", "get_file_contents"]);
  expect(records[1].arguments).toEqual({ repo: "acme/api", title: `=cmd ${SECRET_WORD}` });
});

test("a viewer sees no arguments in search, detail, the API or exports", async ({ page }) => {
  await signIn(page, users.viewer.email, users.viewer.password);
  await page.getByRole("link", { name: "Audit trail" }).click();
  await page.goto(`/audit?agent=${clientId}`);
  const results = page.getByTestId("decision-results");
  await expect(results.locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("row-arguments")).toHaveCount(0);
  // Not a column this role can turn on, nor in a row's detail.
  await page.getByTestId("decision-results-columns").click();
  await expect(page.getByRole("menuitemcheckbox", { name: "Rule" })).toBeVisible();
  await expect(page.getByRole("menuitemcheckbox", { name: "Arguments" })).toHaveCount(0);
  await page.keyboard.press("Escape");
  for (let i = 0; i < 3; i++) await results.getByRole("button", { name: "Show details" }).first().click();
  await expect(page.getByTestId("decision-row-detail")).toHaveCount(3);
  await expect(page.locator("main")).not.toContainText(SECRET_WORD);
  await expect(page.getByText("Hash-chain verification is run by auditors and admins.")).toBeVisible();

  await page.goto(`/audit?q=${SECRET_WORD}`);
  await expect(page.getByText("Nothing matches these filters")).toBeVisible();

  await page.goto(`/audit/decisions/${heldDecisionId}`);
  await expect(page.getByTestId("decision-detail")).toContainText("approval-required-write-actions");
  await expect(page.getByTestId("payload-hidden").first()).toBeVisible();
  await expect(page.getByTestId("decision-arguments")).toHaveCount(0);
  await expect(page.locator("main")).not.toContainText(SECRET_WORD);

  const api = await page.request.get(`/api/console/audit?agent=${clientId}`);
  expect(api.status()).toBe(200);
  const body = await api.json();
  expect(body.items).toHaveLength(3);
  expect(body.items.every((i: { arguments: unknown }) => i.arguments === null)).toBe(true);
  expect(JSON.stringify(body)).not.toContain(SECRET_WORD);
  const one = await page.request.get(`/api/console/audit/decisions/${heldDecisionId}`);
  expect(JSON.stringify(await one.json())).not.toContain(SECRET_WORD);
  expect((await page.request.get("/api/v1/audit/verify")).status()).toBe(403);

  await page.goto(`/audit?agent=${clientId}`);
  await expect(results.locator("tbody tr")).toHaveCount(3);
  const { text } = await downloadText(page, /Export CSV/);
  expect(text.split("\r\n")[0].split(",")).not.toContain("arguments");
  expect(text.trimEnd().split("\r\n")).toHaveLength(4);
  expect(text).not.toContain(SECRET_WORD);
  const nd = await downloadText(page, /Export NDJSON/);
  expect(nd.text).not.toContain(SECRET_WORD);
  expect(nd.text).not.toContain('"arguments"');
});

test("bad search input is a 422 problem, and the export is audited", async ({ request }) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const bad = await request.get("/api/console/audit?request_hash=nope&outcome=MAYBE", { headers: auth });
  expect(bad.status()).toBe(422);
  expect(bad.headers()["content-type"]).toContain("application/problem+json");
  expect((await request.get("/api/console/audit/export?max_rows=0", { headers: auth })).status()).toBe(422);
  expect((await request.get("/api/console/audit/decisions/not-a-uuid", { headers: auth })).status()).toBe(404);
  const exported = await request.get(`/api/console/audit/export?format=ndjson&kind=events&max_rows=5`, {
    headers: auth,
  });
  expect(exported.headers()["content-type"]).toContain("application/x-ndjson");
  const events = (await exported.text())
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(events.length).toBeGreaterThan(0);
  expect(events.length).toBeLessThanOrEqual(5);
  expect(events[0].action).toBe("audit.export");
});
