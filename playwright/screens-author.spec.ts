import { expect, test } from "@playwright/test";
import { SEED_POLICY_YAML } from "../lib/policy/seed-table";
import { adminApiToken, confirmDialog, signInAsAdmin } from "./helpers";

const RULE = "approval-required-write-actions";

test("an admin's form edit keeps the file's comments, and publishing shows the rule diff first", async ({
  page,
  request,
}) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  // The seed file has comments, flow lists and double quotes: all must survive a form edit.
  // Staging goes live with it first, so the publish below is a one-line change.
  const publish = await request.put("/api/console/policies/staging?publish=true&message=seed", {
    headers: auth,
    data: { source: SEED_POLICY_YAML },
  });
  expect([200, 201]).toContain(publish.status());
  expect(
    (
      await request.put("/api/console/policies/staging", { headers: auth, data: { source: SEED_POLICY_YAML } })
    ).status(),
  ).toBe(200);
  const liveProduction = (await (await request.get("/api/console/policies/production", { headers: auth })).json())
    .current;

  await signInAsAdmin(page);

  // Production: one click on Publish asks first, with the rule diff; Cancel publishes nothing.
  await page.goto("/policies?env=production");
  // Row actions that remove are outlined, not a column of solid red buttons.
  const remove = page.getByRole("button", { name: `Remove ${RULE}` });
  expect(await remove.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(255, 255, 255)");
  await page.getByRole("button", { name: `Edit ${RULE}` }).click();
  await page.getByLabel("Risk (mcp.risk)").selectOption("high");
  await page.getByRole("button", { name: "Update rule in draft" }).click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: "Publish to production now?" })).toBeVisible();
  await expect(dialog.getByTestId(`rule-change-${RULE}`)).toContainText("mcp.risk: high");
  await expect(dialog.getByTestId("change-impact")).toContainText("Replay of the last 7 days");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  const after = (await (await request.get("/api/console/policies/production", { headers: auth })).json()).current;
  expect(after?.version).toBe(liveProduction?.version);

  // Staging: edit a description in the form, confirm the publish, and the published file keeps its comments.
  await page.goto("/policies?env=staging");
  await page.getByRole("button", { name: `Edit ${RULE}` }).click();
  await page.getByLabel("Description").fill("Writes wait for a person");
  await page.getByLabel("Rule id").fill("Bad Id");
  await page.getByRole("button", { name: "Update rule in draft" }).click();
  await expect(page.getByText("Use only lowercase letters, digits and dashes.")).toBeVisible();
  await page.getByLabel("Rule id").fill(RULE);
  await page.getByRole("button", { name: "Update rule in draft" }).click();

  await page.getByRole("tab", { name: "YAML" }).click();
  const editor = page.getByTestId("yaml-editor");
  await expect(editor).toContainText("# The policy from the seed article");
  await expect(editor).toContainText('mcp.server: ["github", "jira", "snowflake", "slack"]');
  await expect(editor).toContainText("description: Writes wait for a person");

  await page.getByLabel("Publish message").fill("describe the write rule");
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  const change = page.getByRole("alertdialog").getByTestId(`rule-change-${RULE}`);
  await expect(change).toContainText("Changed");
  await expect(change.locator("pre")).toHaveText("+ added: description: Writes wait for a person");
  await expect(page.getByTestId("change-counts")).toHaveText("0 added · 1 changed · 0 removed");
  await confirmDialog(page, "Publish to staging");
  await expect(page.getByText(/Published version \d+\. It decides/)).toBeVisible();

  const live = (await (await request.get("/api/console/policies/staging", { headers: auth })).json()).current;
  expect(live.source).toBe(
    SEED_POLICY_YAML.replace(`  - id: ${RULE}\n`, `  - id: ${RULE}\n    description: Writes wait for a person\n`),
  );
});
