import { expect, type Page, test } from "@playwright/test";
import { heldWriteWorld, signInToQueue } from "./held-write-world";
import { apiSignIn, unique } from "./helpers";

/** The ids of the queue's items, top to bottom, and the selected one. */
async function queue(page: Page) {
  const items = page.getByTestId("approval-list").locator("[data-testid^='approval-item-']");
  const ids = (await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")!))).map((t) =>
    t.replace("approval-item-", ""),
  );
  return ids;
}

/** The item is selected and its detail has loaded, so a and d act on it. */
async function expectSelected(page: Page, id: string) {
  await expect(page.getByTestId(`approval-item-${id}`)).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("approval-detail")).toBeVisible();
}

test("an approver lands on the queue, moves with j/k and the next request is selected after a and d", async ({
  page,
  request,
  baseURL,
}) => {
  const world = await heldWriteWorld(request, baseURL!);
  const { token } = world;
  const approver = await world.person("approver", "approver-password-1");
  const held: string[] = [];
  for (const tool of ["create_issue", "create_issue", "delete_repository", "create_issue"]) {
    const d = await world.hold({ repo: "acme/api", title: unique("t") }, { tool });
    expect(d.decision).toBe("REQUIRE_APPROVAL");
    held.push(d.approval!.id);
  }
  const [first, second, high, last] = held;
  const status = async (id: string) =>
    (
      await (
        await request.get(`/api/console/approvals/${id}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()
    ).status;

  await signInToQueue(page, approver);
  await expect(page).toHaveURL(/\/approvals$/);

  await page.goto(`/approvals?id=${first}`);
  await expectSelected(page, first);
  await expect(page.getByTestId(`approval-item-${last}`)).toBeVisible();
  const order = await queue(page);
  expect(order.indexOf(second)).toBe(order.indexOf(first) + 1);
  await page.keyboard.press("j");
  await expectSelected(page, second);
  await page.keyboard.press("k");
  await expectSelected(page, first);
  // Deny is outlined, not solid red: the solid red is kept for the final "yes" of a confirmation.
  const deny = page.getByTestId("approval-detail").getByRole("button", { name: "Deny" });
  expect(await deny.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe("rgb(255, 255, 255)");

  // a approves a medium-risk request at once and selects the one below it.
  await page.keyboard.press("a");
  await expectSelected(page, second);
  await expect(page.getByTestId(`approval-item-${first}`)).toHaveCount(0);
  expect(await status(first)).toBe("APPROVED");

  // d needs a reason; then the next request is selected: the high-risk one.
  await page.getByLabel("Reason").fill("not this sprint");
  await page.getByLabel("Reason").blur();
  await page.keyboard.press("d");
  await expectSelected(page, high);
  expect(await status(second)).toBe("DENIED");

  // High risk asks in an in-app dialog; Cancel changes nothing, confirming approves and moves on.
  await page.keyboard.press("a");
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByRole("heading", { name: "Approve a high-risk call?" })).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await status(high)).toBe("PENDING");
  await page.keyboard.press("a");
  await dialog.getByRole("button", { name: "Approve high-risk call" }).click();
  await expectSelected(page, last);
  expect(await status(high)).toBe("APPROVED");

  // The Decided tab says what happened in words, with absolute times and no countdown.
  await page.getByRole("tab", { name: "Decided" }).click();
  await expect(page.getByTestId(`approval-item-${second}`)).toContainText("Denied");
  await expect(page.getByTestId(`approval-item-${first}`)).toContainText(/Approved/);
  await expect(page.getByTestId(`approval-item-${first}`)).toContainText(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  await page.getByTestId(`approval-item-${second}`).click();
  const detail = page.getByTestId("approval-detail");
  await expect(detail).toContainText("Decided");
  await expect(detail).not.toContainText("Expires");
  await expect(detail.getByTestId("constraint-chips")).toContainText("Max runtime (seconds): 60");

  // Phone width: nothing scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of ["/approvals", "/approvals?view=history"]) {
    await page.goto(path);
    await expect(page.getByTestId("approval-list")).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }
  // The detail sits under the list there: tapping a decided request brings its detail into view.
  await page.getByTestId(`approval-item-${first}`).click();
  await expect(page.getByTestId(`approval-item-${first}`)).toHaveAttribute("aria-current", "true");
  await expect(page.getByTestId("approval-detail")).toBeInViewport();
});

test("the queue says it is loading instead of 0 waiting, and the Decided tab pages from the server", async ({
  page,
  request,
  baseURL,
}) => {
  const world = await heldWriteWorld(request, baseURL!);
  const auth = { authorization: `Bearer ${world.token}` };
  const approver = await world.person("approver", "approver-password-1");
  // Enough decided requests for a second page of 20, whatever other specs decided: the approver
  // denies them through the API with the browser's session (decisions are a person's, not a token's).
  await apiSignIn(page.request, approver.email, approver.password);
  for (let i = 0; i < 21; i++) {
    const held = await world.hold({ repo: "acme/api", title: unique("page") });
    const denied = await page.request.post(`/api/console/approvals/${held.approval!.id}/deny`, {
      data: { reason: "paging" },
    });
    expect(denied.status()).toBe(200);
  }
  const decided = async (offset: number) =>
    (await (
      await request.get(`/api/console/approvals?status=DECIDED&limit=20&offset=${offset}`, { headers: auth })
    ).json()) as { approvals: { id: string }[]; total: number };

  // The queue's first answer is held back: until it arrives the page says it is loading, never "0 waiting".
  let release = () => {};
  const answered = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/api\/console\/approvals\?status=PENDING/, async (route) => {
    await answered;
    await route.continue();
  });
  await page.goto("/approvals");
  await expect(page.getByText("Loading the queue…")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Waiting requests" })).toBeVisible();
  await expect(page.getByText(/\b0 waiting/)).toHaveCount(0);
  release();
  await expect(page.getByRole("heading", { name: /^\d+ waiting$/ })).toBeVisible();
  await page.unroute(/\/api\/console\/approvals\?status=PENDING/);

  await page.getByRole("tab", { name: "Decided" }).click();
  const first = await decided(0);
  const pages = Math.ceil(first.total / 20);
  await expect(page.getByRole("heading", { name: `${first.total.toLocaleString("en")} decided` })).toBeVisible();
  await expect(page.getByTestId("decided-page")).toHaveText(`Page 1 of ${pages}`);
  const items = page.getByTestId("approval-list").locator("[data-testid^='approval-item-']");
  await expect(items).toHaveCount(20);
  await expect(page.getByTestId(`approval-item-${first.approvals[0].id}`)).toBeVisible();
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page.getByTestId("decided-page")).toHaveText(`Page 2 of ${pages}`);
  const second = await decided(20);
  await expect(page.getByTestId(`approval-item-${second.approvals[0].id}`)).toBeVisible();
  await expect(page.getByTestId(`approval-item-${first.approvals[0].id}`)).toHaveCount(0);
  await expect(page.getByTestId(`approval-item-${second.approvals[0].id}`)).toContainText("Denied");

  // Insights: one unit per chart, fitted to its data, and the rule's full name on the chart.
  await page.goto("/approvals/insights");
  const byRule = page
    .locator("section", { has: page.getByRole("heading", { name: "Time to decide by rule", exact: true }) })
    .last();
  await expect(byRule).toContainText(/Time from request to decision, in (seconds|minutes|hours)/);
  await expect(byRule.getByTestId("time-chart")).toContainText("approval-required-write-actions");
});
