import { expect, test, type Locator, type Page } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { ROLE_PASSWORD } from "./a11y-helpers";
import { newAgent, publishPolicy, seedCatalog } from "./agents";
import { createPerson, heldWriteWorld } from "./held-write-world";
import { ADMIN_EMAIL, ADMIN_PASSWORD, adminApiToken, apiSignIn, unique } from "./helpers";

/**
 * Issue 28: every job done with the keyboard alone — no click, no fill; Tab, Enter, letters.
 * Each flow asserts where focus goes and what the console's live region announces.
 * Sign-in goes through the API (the session cookie is shared with the page), so the browser
 * itself is only ever driven by keys.
 */
test.describe.configure({ mode: "serial" });

const ALL = ["mcp:*:read", "mcp:*:write", "mcp:*:admin"];

/** What a screen reader would call the focused element: its label, aria-label or text. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "<body>";
    const labelled = el.getAttribute("aria-label");
    const byFor = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return (labelled ?? byFor ?? el.textContent ?? el.tagName).trim().replace(/\s+/g, " ");
  });
}

async function isFocused(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement).catch(() => false);
}

/** Presses Tab (or Shift+Tab) until `target` has focus; returns the names focus passed through. */
async function tabTo(page: Page, target: Locator, { back = false, max = 120 } = {}): Promise<string[]> {
  await expect(target).toBeVisible();
  const passed: string[] = [];
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return passed;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
    passed.push(await focusedName(page));
  }
  throw new Error(`Tab never reached the target; focus went through: ${passed.join(" → ")}`);
}

async function expectFocused(target: Locator) {
  await expect.poll(() => isFocused(target)).toBe(true);
}

/** Focus is somewhere in the page's content, never dropped back to the document. */
async function expectFocusInMain(page: Page) {
  await expect
    .poll(() => page.evaluate(() => Boolean(document.getElementById("main")?.contains(document.activeElement))))
    .toBe(true);
}

const announcer = (page: Page) => page.getByTestId("announcer");

async function userWithRole(request: import("@playwright/test").APIRequestContext, token: string, role: string) {
  return (await createPerson(request, token, role, ROLE_PASSWORD, `kbd-${role}`)).email;
}

test("the first Tab offers a skip link that jumps past the navigation to the content", async ({ page }) => {
  await apiSignIn(page.request, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expectFocused(skip);
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expectFocused(page.locator("main#main"));
  await page.keyboard.press("Tab");
  // The next stop is in the content, not the first navigation link.
  await expectFocusInMain(page);
  expect(await isFocused(page.getByRole("navigation", { name: "Main" }).getByRole("link").first())).toBe(false);
});

test("an approver approves one request and denies another with a reason, by keyboard", async ({
  page,
  request,
  baseURL,
}) => {
  const world = await heldWriteWorld(request, baseURL!);
  const { client } = world;
  const held = [];
  for (let i = 0; i < 2; i++) held.push(await world.hold({ repo: "acme/api", title: unique("kb") }));
  const approver = await world.person("approver", ROLE_PASSWORD, "kbd-approver");
  await apiSignIn(page.request, approver.email, ROLE_PASSWORD);
  // Other requests may be waiting too: the URL picks this test's first one.
  await page.goto(`/approvals?id=${held[0].approval!.id}`);
  const detail = page.getByTestId("approval-detail");
  await expect(detail.getByRole("button", { name: "Approve", exact: true })).toBeVisible();

  // Tab into the decision: the reason comes first, then Approve, then Deny.
  const reason = detail.getByLabel("Reason");
  const approve = detail.getByRole("button", { name: "Approve", exact: true });
  const deny = detail.getByRole("button", { name: "Deny", exact: true });
  await tabTo(page, reason);
  await page.keyboard.press("Tab");
  await expectFocused(approve);
  await page.keyboard.press("Tab");
  await expectFocused(deny);
  await page.keyboard.press("Shift+Tab");
  await expectFocused(approve);
  await page.keyboard.press("Enter");
  await expect(announcer(page)).toHaveText("Approved: github · create_issue.");
  // The decided request's buttons are gone; focus stays in the content.
  await expectFocusInMain(page);

  // The second request; Deny without a reason asks for one and puts focus there.
  await page.goto(`/approvals?id=${held[1].approval!.id}`);
  await tabTo(page, deny);
  await page.keyboard.press("Enter");
  await expectFocused(reason);
  await expect(detail.getByRole("alert")).toHaveText("Give a reason to deny.");
  await page.keyboard.type("not during the freeze (keyboard e2e)");
  await page.keyboard.press("Tab");
  await expectFocused(approve);
  await page.keyboard.press("Tab");
  await expectFocused(deny);
  await page.keyboard.press("Enter");
  await expect(announcer(page)).toHaveText("Denied: github · create_issue.");
  await expectFocusInMain(page);

  const statuses = await Promise.all(held.map((h) => client.waitForApproval(h.approval!.id, 5)));
  expect(statuses.map((s) => s.status).sort()).toEqual(["APPROVED", "DENIED"]);
});

test("a policy author adds a rule, simulates a call against it and publishes, by keyboard", async ({
  page,
  request,
}) => {
  const token = await adminApiToken(request);
  await seedCatalog(request, token, "development");
  const author = await userWithRole(request, token, "policy_author");
  await apiSignIn(page.request, author, ROLE_PASSWORD);
  await page.goto("/policies?env=development");
  const ruleId = `kbd-deny-${Date.now().toString(36)}`;

  await tabTo(page, page.getByRole("button", { name: "Add rule" }));
  await page.keyboard.press("Enter");
  // The new rule's form takes focus at its first field.
  await expectFocused(page.getByLabel("Rule id"));
  await page.keyboard.type(ruleId);
  await page.keyboard.press("Tab");
  await expectFocused(page.getByLabel("Description"));
  await page.keyboard.type("No deleting repositories");
  await page.keyboard.press("Tab");
  await expectFocused(page.getByLabel("Decision"));
  await page.keyboard.press("End"); // DENY, the last option
  await page.keyboard.press("Tab");
  await expectFocused(page.getByLabel("Servers (mcp.server)"));
  await page.keyboard.type("github");
  await page.keyboard.press("Tab");
  await expectFocused(page.getByLabel("Tools (mcp.tool)"));
  await page.keyboard.type("delete_repository");
  await tabTo(page, page.getByRole("button", { name: "Add rule to draft" }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId(`rule-${ruleId}`)).toContainText("DENY");
  await expectFocusInMain(page);

  // A tab row is one Tab stop (the selected tab); the arrow keys move along it, Enter selects.
  await tabTo(page, page.getByRole("tab", { name: "Rules" }), { back: true });
  // (Radix moves focus just after the key event, so each press waits for the last to land.)
  await page.keyboard.press("ArrowRight");
  await expectFocused(page.getByRole("tab", { name: "YAML" }));
  await page.keyboard.press("ArrowRight");
  await expectFocused(page.getByRole("tab", { name: "Simulator" }));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("tab", { name: "Simulator" })).toHaveAttribute("aria-selected", "true");
  await tabTo(page, page.getByLabel("Server", { exact: true }));
  await page.keyboard.type("github");
  await page.keyboard.press("Tab");
  await expectFocused(page.getByLabel("Tool", { exact: true }));
  await page.keyboard.type("delete_repository");
  await page.keyboard.press("Enter"); // submits the simulator's form
  await expect(announcer(page)).toHaveText(`Simulated decision: DENY by rule ${ruleId}.`);
  await expect(page.getByTestId("simulation-result")).toContainText(ruleId);

  await tabTo(page, page.getByLabel("Publish message"), { back: true });
  await page.keyboard.type("deny repository deletion (keyboard e2e)");
  await page.keyboard.press("Tab");
  await expectFocused(page.getByRole("button", { name: "Publish", exact: true }));
  await page.keyboard.press("Enter");
  // The confirmation (with the rule diff) opens with focus inside it; Tab reaches its confirm button.
  const confirmDialog = page.getByRole("alertdialog");
  await expect(confirmDialog).toBeVisible();
  await tabTo(page, confirmDialog.getByRole("button", { name: "Publish to development" }));
  await page.keyboard.press("Enter");
  await expect(announcer(page)).toHaveText(/^Published version \d+ to development\.$/);
  const live = await (await page.request.get("/api/console/policies/development")).json();
  expect(live.current.source).toContain(ruleId);
});

test("an auditor searches the trail and exports what was found, by keyboard", async ({ page, request, baseURL }) => {
  const token = await adminApiToken(request);
  await seedCatalog(request, token);
  await publishPolicy(request, token);
  const { client } = await newAgent(request, token, baseURL!, ALL);
  const marker = unique("kbdsearch");
  await client.decide({ server: "jira", tool: "search", arguments: { q: marker } });
  const auditor = await userWithRole(request, token, "auditor");
  await apiSignIn(page.request, auditor, ROLE_PASSWORD);
  await page.goto("/audit");
  await expect(page.getByRole("heading", { name: "Decisions" })).toBeVisible();

  await tabTo(page, page.getByLabel("Search text"));
  await page.keyboard.type(marker);
  await page.keyboard.press("Enter");
  await expect(announcer(page)).toHaveText("Search finished: 1 decision shown.");
  await expect(page).toHaveURL(new RegExp(`q=${marker}`));

  await tabTo(page, page.getByRole("link", { name: "Export CSV" }));
  const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  const csv = await readFile((await download.path())!, "utf8");
  expect(csv).toContain(marker);
  expect(csv.trim().split("\n")).toHaveLength(2);
});

test("an admin revokes an agent and pulls and releases a kill switch, by keyboard", async ({
  page,
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  const { agent } = await newAgent(request, token, baseURL!, ["mcp:*:read"], "development");
  await apiSignIn(page.request, ADMIN_EMAIL, ADMIN_PASSWORD);
  await page.goto("/operations");

  // Revoke: the Agent tab, the agent from the list (arrow keys), the button, then a reason in the dialog.
  await tabTo(page, page.getByRole("tab", { name: "Token", exact: true }));
  await page.keyboard.press("ArrowRight");
  await expectFocused(page.getByRole("tab", { name: "Agent", exact: true }));
  await page.keyboard.press("Enter");
  const picker = page.getByLabel("Agent", { exact: true });
  await tabTo(page, picker);
  for (let i = 0; i < 50 && (await picker.inputValue()) !== agent.id; i++) await page.keyboard.press("ArrowDown");
  await expect(picker).toHaveValue(agent.id);
  await page.keyboard.press("Tab");
  await expectFocused(page.getByRole("button", { name: "Revoke agent" }));
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  // Focus moves into the dialog, to the reason; Tab stays inside it.
  await expectFocused(dialog.getByLabel("Reason (recorded in the audit trail)"));
  await page.keyboard.type("credentials leaked (keyboard e2e)");
  await page.keyboard.press("Tab");
  await expectFocused(dialog.getByRole("button", { name: "Cancel" }));
  await page.keyboard.press("Tab");
  await expectFocused(dialog.getByRole("button", { name: "Revoke agent" }));
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(announcer(page)).toHaveText("Done: Revoke agent.");
  await expectFocusInMain(page);
  const after = await request.get(`/api/console/agents/${agent.id}`, { headers: { authorization: `Bearer ${token}` } });
  expect((await after.json()).status).toBe("revoked");

  // Kill switch: Deny all in development, then release it; focus comes back to the switch each time.
  const killSwitch = page.getByRole("group", { name: "Kill switch for development" });
  const denyAll = killSwitch.getByRole("button", { name: "Deny all" });
  await tabTo(page, denyAll, { back: true });
  await page.keyboard.press("Enter");
  await expectFocused(dialog.getByLabel("Reason (recorded in the audit trail)"));
  await page.keyboard.type("incident drill (keyboard e2e)");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expectFocused(dialog.getByRole("button", { name: "Deny all in development" }));
  await page.keyboard.press("Enter");
  await expect(announcer(page)).toHaveText("Done: Deny all in development.");
  await expectFocused(denyAll);
  await expect(denyAll).toHaveAttribute("aria-pressed", "true");

  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await expectFocused(killSwitch.getByRole("button", { name: "Off" }));
  await page.keyboard.press("Enter");
  await page.keyboard.type("drill over (keyboard e2e)");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expectFocused(dialog.getByRole("button", { name: "Release kill switch" }));
  await page.keyboard.press("Enter");
  await expect(announcer(page)).toHaveText("Done: Release kill switch.");
  await expect(killSwitch.getByRole("button", { name: "Off" })).toHaveAttribute("aria-pressed", "true");
});
