import { expect, test } from "@playwright/test";
import { newAgent, publishPolicy, seedCatalog } from "./agents";
import { adminApiToken, signInOk, unique } from "./helpers";

test("an auditor reads the trail as a ledger: agent names, UTC times, sorting, pages and readable rows", async ({
  page,
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  await seedCatalog(request, token);
  await publishPolicy(request, token);
  const { client, agent } = await newAgent(request, token, baseURL!, ["mcp:*:read", "mcp:*:admin"]);
  const calls = [
    ...Array.from({ length: 10 }, () => ({ server: "jira", tool: "search" })),
    ...Array.from({ length: 10 }, () => ({ server: "github", tool: "get_file_contents" })),
    ...Array.from({ length: 10 }, () => ({ server: "slack", tool: "admin_users_remove" })),
  ];
  for (const call of calls) await client.decide({ ...call, arguments: { note: unique("n") } });
  const email = `${unique("auditor")}@example.com`;
  const created = await request.post("/api/console/users", {
    headers: { authorization: `Bearer ${token}` },
    data: { email, role: "auditor", password: "auditor-password-1" },
  });
  expect(created.status()).toBe(201);

  await signInOk(page, email, "auditor-password-1");
  await page.goto(`/audit?agent=${agent.client_id}`);
  const table = page.getByTestId("decision-results");
  const rows = table.locator("tbody > tr");
  const totals = page.getByTestId("decision-results-totals");
  await expect(totals).toHaveText("1–25 of 30 decisions loaded");
  await expect(rows).toHaveCount(25);
  // Newest first, absolute UTC times, the agent's name with its client id beneath.
  await expect(rows.first()).toContainText("slack · admin_users_remove");
  await expect(rows.first()).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
  await expect(rows.first()).toContainText(agent.name);
  await expect(rows.first()).toContainText(agent.client_id);
  // The relative time is a hint on hover (a Radix tooltip), beside the absolute time shown.
  await rows.first().locator("time").first().hover();
  await expect(page.getByRole("tooltip")).toHaveText(/^(just now|\d+ (min|h|d) ago)$/);
  await page.mouse.move(0, 0);

  await page.getByRole("button", { name: "Next" }).click();
  await expect(totals).toHaveText("26–30 of 30 decisions loaded");
  await expect(rows).toHaveCount(5);
  await expect(rows.first()).toContainText("jira · search");
  await page.getByRole("button", { name: "Previous" }).click();
  await page.getByLabel("Rows per page").selectOption("50");
  await expect(totals).toHaveText("1–30 of 30 decisions loaded");
  await expect(rows).toHaveCount(30);

  // Sorting by call: ascending puts github first, descending slack.
  const callHeader = table.getByRole("columnheader", { name: /Call/ });
  await callHeader.getByRole("button").click();
  await expect(callHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(rows.first()).toContainText("github · get_file_contents");
  await expect(rows.nth(29)).toContainText("slack · admin_users_remove");
  await callHeader.getByRole("button").click();
  await expect(callHeader).toHaveAttribute("aria-sort", "descending");
  await expect(rows.first()).toContainText("slack · admin_users_remove");

  // Arguments are a column to choose (off by default, so the ledger fits the card), read as words.
  await expect(page.getByTestId("row-arguments")).toHaveCount(0);
  await page.getByTestId("decision-results-columns").click();
  const argumentsItem = page.getByRole("menuitemcheckbox", { name: "Arguments" });
  await expect(argumentsItem).toHaveAttribute("aria-checked", "false");
  await argumentsItem.click();
  await page.keyboard.press("Escape");
  await expect(page.getByTestId("row-arguments").first()).toHaveText(/^note: n-/);
  // The reason code is not repeated in snake case under the rule.
  await expect(table.getByText("rule_matched", { exact: true })).toHaveCount(0);

  // A row opens in place with the record in words, not clipped JSON.
  await rows.first().getByRole("button", { name: "Show details" }).click();
  const detail = page.getByTestId("decision-row-detail");
  await expect(detail).toContainText("reason");
  await expect(detail).toContainText("no rule matched");
  await expect(detail).toContainText("note");
  await expect(detail.getByRole("link", { name: /full record/ })).toBeVisible();

  // Phone width: the ledger scrolls inside its card, the page does not.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/audit?agent=${agent.client_id}`);
  await expect(totals).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // What happened is readable without scrolling the ledger: time, outcome and call fit the screen.
  const call = rows.first().getByRole("link", { name: "slack · admin_users_remove" });
  const box = await call.boundingBox();
  expect(box && box.x + box.width).toBeLessThanOrEqual(390);
  await expect(rows.first()).toContainText("DENY");
});
