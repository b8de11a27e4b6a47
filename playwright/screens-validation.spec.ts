import { expect, type Page, test } from "@playwright/test";
import { newAgent } from "./agents";
import { adminApiToken, signInAsAdmin } from "./helpers";

// Forms on react-hook-form + the handlers' zod schemas: an invalid submit says why beside the
// field and sends nothing; a valid one does what it did before.

/** Requests the page sends to API paths containing `part`, other than reads. */
function writesTo(page: Page, part: string) {
  const seen: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes(part) && r.method() !== "GET") seen.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  return seen;
}

test("the audit filter bar refuses a malformed request hash and a backwards range beside the field", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto("/audit");
  const filters = page.getByRole("form", { name: "Audit filters" });
  const hash = filters.getByLabel("Request hash");
  await hash.fill("abc");
  await hash.press("Enter");
  await expect(hash).toHaveAccessibleDescription("A request hash is sha256: and 64 hex digits.");
  await expect(hash).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/audit$/);

  // A choice in a list applies at once, once the text is valid.
  await hash.fill("");
  await filters.getByLabel("Server").fill("github");
  await filters.getByLabel("Outcome").selectOption("DENY");
  await expect(page).toHaveURL(/server=github/);
  await expect(page).toHaveURL(/outcome=DENY/);
  await expect(page.getByTestId("active-filters")).toContainText("github");

  await page.getByRole("combobox", { name: "Time range" }).selectOption("custom");
  await page.getByLabel("From", { exact: true }).fill("2026-03-02T10:00");
  await page.getByLabel("To", { exact: true }).fill("2026-03-01T10:00");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByLabel("To", { exact: true })).toHaveAccessibleDescription("From must be before To.");
  await expect(page).not.toHaveURL(/from=/);
  await page.getByLabel("To", { exact: true }).fill("2026-03-03T10:00");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/from=2026-03-0[12]T/);
  await expect(page).toHaveURL(/server=github/);
});

test("the reason dialog and the token finder say what is missing and send nothing", async ({
  page,
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  const { agent } = await newAgent(request, token, baseURL!, ["mcp:*:read"], "development");
  await signInAsAdmin(page);
  await page.goto("/operations");
  const writes = writesTo(page, "/api/console/");

  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByLabel("Token id (jti) or decision id")).toHaveAccessibleDescription(
    "Paste a token id (jti) or a decision id.",
  );

  await page.getByRole("tab", { name: "Agent", exact: true }).click();
  await page.getByLabel("Agent", { exact: true }).selectOption(agent.id);
  await page.getByRole("button", { name: "Revoke agent" }).click();
  const dialog = page.getByRole("dialog");
  const reason = dialog.getByLabel("Reason (recorded in the audit trail)");
  await reason.fill("   ");
  await dialog.getByRole("button", { name: "Revoke agent" }).click();
  await expect(reason).toHaveAccessibleDescription("A reason is required.");
  await expect(reason).toBeFocused();
  expect(writes).toEqual([]);

  await reason.fill("credentials leaked (validation e2e)");
  await dialog.getByRole("button", { name: "Revoke agent" }).click();
  await expect(dialog).toBeHidden();
  expect(writes).toEqual([`POST /api/console/agents/${agent.id}/revoke`]);
  await expect(page.getByTestId("currently-off")).toContainText("credentials leaked (validation e2e)");
});

test("the runbook editor refuses an empty title beside the field and sends nothing", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/runbooks/auth-failure-rate");
  const writes = writesTo(page, "/api/console/runbooks");
  await page.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Title").fill("  ");
  await page.getByLabel("Runbook (markdown)").fill("");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByLabel("Title")).toHaveAccessibleDescription("Give the runbook a title.");
  await expect(page.getByLabel("Runbook (markdown)")).toHaveAccessibleDescription("The runbook needs some text.");
  await expect(page.getByLabel("Title")).toBeFocused();
  expect(writes).toEqual([]);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("button", { name: "Edit" })).toBeVisible();
});
