import { expect, type Page, test } from "@playwright/test";
import { heldWriteWorld, signInToQueue } from "./held-write-world";
import { unique } from "./helpers";

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
});
