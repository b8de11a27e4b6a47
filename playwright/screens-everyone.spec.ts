import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { NAV } from "../lib/nav";
import { seedCatalog } from "./agents";
import { adminApiToken, confirmDialog, signInAsAdmin, unique } from "./helpers";

/** Console errors and failed requests of a page, collected while it loads and settles. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    // Navigating away cancels in-flight polls; that is not a failure of the page.
    if (r.failure()?.errorText !== "net::ERR_ABORTED")
      problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && r.url().startsWith(new URL(page.url() || "http://x").origin))
      problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

/** Pages one click below the navigation (the first server's page is added once the catalog exists). */
const SUB_PAGES = [
  "/approvals/insights",
  "/approvals/settings",
  "/outputs/samples",
  "/settings/output-safety",
  "/readiness/report",
  "/runbooks/auth-failure-rate",
];

async function firstServerPage(request: APIRequestContext): Promise<string> {
  const token = await adminApiToken(request);
  await seedCatalog(request, token);
  const servers = await (
    await request.get("/api/console/servers?environment=production", { headers: { authorization: `Bearer ${token}` } })
  ).json();
  return `/servers/${servers.servers[0].id}`;
}

test("every page in the navigation loads for an admin without a console error or failed request", async ({
  page,
  request,
}) => {
  const serverPage = await firstServerPage(request);
  await signInAsAdmin(page);
  const problems = watch(page);
  for (const href of [...NAV.map((item) => item.href), ...SUB_PAGES, serverPage]) {
    await page.goto(href);
    await expect(page.locator("main h1").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(problems, `on ${href}`).toEqual([]);
  }
});

test("an unknown address shows a styled 404 with navigation and no CSP errors", async ({ page }) => {
  await signInAsAdmin(page);
  const problems = watch(page);
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page does not exist" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Console areas" });
  await expect(nav.getByRole("link", { name: "Approvals" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // The document's own 404 status is the point of the page; anything else is a problem.
  expect(problems.filter((p) => !p.startsWith("HTTP 404") && !p.includes("status of 404"))).toEqual([]);
  await nav.getByRole("link", { name: "Policies" }).click();
  await expect(page.getByRole("heading", { name: "Policies" })).toBeVisible();
});

test("the queue, policies, audit and list pages do not scroll sideways at 390 px", async ({ page, request }) => {
  const serverPage = await firstServerPage(request);
  await signInAsAdmin(page);
  await page.setViewportSize({ width: 390, height: 844 });
  for (const path of [
    "/approvals",
    "/policies",
    "/audit",
    "/servers",
    serverPage,
    "/agents",
    "/users",
    "/reviews",
    "/settings/gates",
  ]) {
    await page.goto(path);
    await expect(page.locator("main h1").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
  }
});

test("a role change in Users asks first; Cancel keeps the role", async ({ page, request }) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const email = `${unique("viewer")}@example.com`;
  const created = await request.post("/api/console/users", {
    headers: auth,
    data: { email, role: "viewer", password: "viewer-password-12" },
  });
  expect(created.status()).toBe(201);
  const roleOf = async () =>
    (
      (await (await request.get("/api/console/users", { headers: auth })).json()).users as {
        email: string;
        role: string;
      }[]
    ).find((u) => u.email === email)?.role;

  await signInAsAdmin(page);
  await page.goto("/users");
  // The list is paged; the filter finds the new user wherever it sorts.
  await page.getByLabel("Filter users by name or e-mail").fill(email);
  const select = page.getByLabel(`Role of ${email}`);
  await select.selectOption("auditor");
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(select).toHaveValue("viewer");
  expect(await roleOf()).toBe("viewer");
  await select.selectOption("auditor");
  await confirmDialog(page, "Change role");
  await expect(select).toHaveValue("auditor");
  expect(await roleOf()).toBe("auditor");
});

test("gate thresholds read and save in seconds and percent, stored in ms and basis points", async ({
  page,
  request,
}) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const gates = async () =>
    (await (await request.get("/api/console/gates", { headers: auth })).json()).gates as {
      metric: string;
      title: string;
      unit: string;
      block: number;
    }[];
  const latency = (await gates()).find((g) => g.unit === "ms")!;
  const rate = (await gates()).find((g) => g.unit === "bp")!;

  await signInAsAdmin(page);
  await page.goto("/settings/gates");
  // State changes name the gate by its title; metric ids are for scripts.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("gate-history").locator("li").first()).toBeVisible({ timeout: 2_000 });
  }).toPass();
  const history = page.getByTestId("gate-history");
  await expect(history).toContainText(latency.title);
  await expect(history).not.toContainText(latency.metric);
  const rateForm = page.getByRole("group", { name: `${rate.title} thresholds` });
  await expect(rateForm.getByLabel("Blocks above")).toHaveValue(String(rate.block / 100));
  await expect(rateForm).toContainText("percent");
  const form = page.getByRole("group", { name: `${latency.title} thresholds` });
  await expect(form.getByLabel("Blocks above")).toHaveValue(String(latency.block / 1000));
  await expect(form).toContainText("seconds");
  await expect(page.locator("main")).not.toContainText("SPEC default");
  // One save for the page: no per-card save buttons, a bar that appears with the first edit.
  await expect(page.getByRole("button", { name: /^Save/ })).toHaveCount(0);
  const bar = page.getByTestId("dirty-bar");
  await expect(bar).toHaveCount(0);
  try {
    await form.getByLabel("Blocks above").fill("2.5");
    await rateForm.getByLabel("Owner").fill("Risk desk (e2e)");
    await expect(bar).toContainText("Unsaved changes · 2 gates");
    // Discard puts the stored values back and hides the bar.
    await bar.getByRole("button", { name: "Discard" }).click();
    await expect(bar).toHaveCount(0);
    await expect(form.getByLabel("Blocks above")).toHaveValue(String(latency.block / 1000));
    // An invalid value is named beside its field and nothing is sent.
    await form.getByLabel("Blocks above").fill("");
    await bar.getByRole("button", { name: "Save changes" }).click();
    await expect(form.getByText("Enter a number.")).toBeVisible();
    expect((await gates()).find((g) => g.metric === latency.metric)?.block).toBe(latency.block);

    await form.getByLabel("Blocks above").fill("2.5");
    await bar.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("saved-notice")).toContainText("Saved.");
    await expect(bar).toHaveCount(0);
    await expect.poll(async () => (await gates()).find((g) => g.metric === latency.metric)?.block).toBe(2500);
    await expect(form.getByLabel("Blocks above")).toHaveValue("2.5");
    await page.reload();
    await expect(
      page.getByRole("group", { name: `${latency.title} thresholds` }).getByLabel("Blocks above"),
    ).toHaveValue("2.5");
  } finally {
    await request.delete(`/api/console/gates/${latency.metric}`, { headers: auth });
  }
});
