import { expect, test } from "@playwright/test";
import { adminApiToken, apiSignIn, confirmWithReason, signIn, signInAsAdmin, unique } from "./helpers";
import { newAgent, seedCatalog } from "./agents";

test.describe.configure({ mode: "serial" });

/** Confirms the reason dialog that every revocation, restore and kill-switch change opens. */
test("an admin runs a revoke-and-restore drill end to end and reads (and exports) its report", async ({
  page,
  request,
}) => {
  const token = await adminApiToken(request);
  await seedCatalog(request, token, "production");
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Operations" }).first().click();
  await expect(page.getByRole("heading", { name: "Operations" })).toBeVisible();

  await page.getByRole("button", { name: "Run drill in production" }).click();
  const result = page.getByTestId("drill-result");
  await expect(result).toContainText("Drill in production passed", { timeout: 20_000 });
  await expect(page.getByTestId("drill-production")).toContainText(/Passed in \d{4}-Q[1-4]/);

  await result.getByRole("link", { name: "Open the report" }).click();
  const report = page.getByTestId("drill-report");
  await expect(report.getByRole("heading", { name: "Drill passed" })).toBeVisible();
  const steps = page.getByTestId("drill-steps").getByRole("listitem");
  await expect(steps).toHaveCount(9);
  await expect(steps.nth(4)).toContainText("Prove the next calls are refused");
  await expect(steps.nth(4)).toContainText("HTTP 401");
  await expect(steps.nth(6)).toContainText("still refused (401) after the restore");
  await expect(steps.nth(8)).toContainText("HTTP 200");
  await expect(report).toContainText("Run by");
  await expect(report).toContainText("admin@example.com");

  const href = await page.getByRole("link", { name: "Export JSON" }).getAttribute("href");
  const exported = await page.request.get(href!);
  expect(exported.headers()["content-disposition"]).toMatch(/^attachment; filename="drill-production-/);
  const json = await exported.json();
  expect(json).toMatchObject({ environment: "production", status: "passed", run_by: "admin@example.com" });
  expect(json.steps).toHaveLength(9);
  expect(typeof json.revoke_effect_ms).toBe("number");

  // The drill agent is left active, and its calls are in the audit trail as real decisions.
  const agents = await (
    await request.get("/api/console/agents?environment=production", { headers: { authorization: `Bearer ${token}` } })
  ).json();
  const drillAgent = (agents.agents ?? agents).find((a: { drill: boolean }) => a.drill);
  expect(drillAgent).toMatchObject({ status: "active", client_id: json.agent.client_id });
});

test("an admin finds a token from a decision id, revokes it, and the agent's next call is refused", async ({
  page,
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  await seedCatalog(request, token, "production");
  const { client } = await newAgent(request, token, baseURL!, ["mcp:github:read"]);
  const decision = await client.decide({ server: "github", tool: "get_file_contents", arguments: {} });
  const accessToken = await client.accessToken();

  await signInAsAdmin(page);
  await page.goto("/operations");
  await page.getByLabel("Token id (jti) or decision id").fill(decision.decision_id);
  await page.getByRole("button", { name: "Find" }).click();
  const found = page.getByTestId("token-found");
  await expect(found).toContainText("live");
  await found.getByRole("button", { name: "Revoke token" }).click();
  await confirmWithReason(page, "token seen in a CI log (e2e)", "Revoke token");
  await expect(page.getByTestId("currently-off")).toContainText("token seen in a CI log (e2e)");

  const call = () =>
    request.post("/api/v1/decisions", {
      headers: { authorization: `Bearer ${accessToken}` },
      data: { server: "github", tool: "get_file_contents", arguments: {} },
    });
  await expect.poll(async () => (await call()).status(), { timeout: 5_000 }).toBe(401);
});

test("a viewer cannot revoke: the API answers 403 and the pages show no buttons", async ({
  page,
  playwright,
  baseURL,
}) => {
  const admin = await playwright.request.newContext({ baseURL });
  const token = await adminApiToken(admin);
  const email = `${unique("viewer")}@example.com`;
  expect(
    (
      await admin.post("/api/console/users", {
        headers: { authorization: `Bearer ${token}` },
        data: { email, role: "viewer", password: "viewer-password-1" },
      })
    ).status(),
  ).toBe(201);
  const agent = await (
    await admin.post("/api/console/agents", {
      headers: { authorization: `Bearer ${token}` },
      data: { name: unique("victim"), environment: "production", scopes: ["mcp:github:read"] },
    })
  ).json();

  const viewer = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  await apiSignIn(viewer, email, "viewer-password-1");
  const attempts = [
    viewer.post(`/api/console/agents/${agent.id}/revoke`, { data: { reason: "viewer tries" } }),
    viewer.post(`/api/console/agents/${agent.id}/restore`, { data: { reason: "viewer tries" } }),
    viewer.post(`/api/console/tokens/${crypto.randomUUID()}/revoke`, { data: { reason: "viewer tries" } }),
    viewer.post(`/api/console/operations/issuers/${crypto.randomUUID()}/revoke`, { data: { reason: "viewer tries" } }),
    viewer.put("/api/console/environments/production/kill-switch", { data: { mode: "all", reason: "viewer tries" } }),
    viewer.post("/api/console/drills", { data: { environment: "production" } }),
    viewer.put("/api/console/runbooks/token-theft", { data: { title: "x", owner: "x", body: "x", base_version: 1 } }),
  ];
  for (const res of await Promise.all(attempts)) {
    expect(res.status(), res.url()).toBe(403);
    expect((await res.json()).detail, res.url()).toBe("Your role does not allow this.");
  }
  const still = await (
    await admin.get(`/api/console/agents/${agent.id}`, { headers: { authorization: `Bearer ${token}` } })
  ).json();
  expect(still.status).toBe("active");
  expect((await viewer.get("/api/console/environments")).status()).toBe(200);

  await signIn(page, email, "viewer-password-1");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/operations");
  await expect(page.getByRole("heading", { name: "Operations" })).toBeVisible();
  await expect(page.getByText("Only admins can revoke or restore.")).toBeVisible();
  await expect(page.getByTestId("kill-switch-production")).toBeVisible();
  // Action buttons only: the drills table's sortable headers ("Revoke → refused") are buttons too.
  await expect(
    page.getByRole("button", { name: /^(Revoke|Restore|Reactivate|Suspend|Deny|Run drill|Release)(?!.*→)/ }),
  ).toHaveCount(0);
  await page.goto("/runbooks/token-theft");
  await expect(page.getByTestId("runbook-body")).toContainText("Revoke");
  await expect(page.getByRole("button", { name: /Edit|Mark reviewed/ })).toHaveCount(0);
  await admin.dispose();
  await viewer.dispose();
});

test("the kill switch banner appears on every console page while a switch is on, and goes away when released", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto("/operations");
  const staging = page.getByTestId("kill-switch-staging");
  await staging.getByRole("button", { name: "Deny all" }).click();
  await confirmWithReason(page, "e2e: banner check", /Deny all in staging/);
  const banner = page.getByTestId("kill-switch-banner");
  try {
    await expect(banner).toContainText(/staging — all calls denied/i);
    await expect(staging).toContainText("All calls denied");

    for (const path of [
      "/",
      "/approvals",
      "/policies",
      "/servers",
      "/agents",
      "/audit",
      "/runbooks",
      "/runbooks/rogue-agent",
      "/account",
    ]) {
      await page.goto(path);
      await expect(page.getByTestId("kill-switch-banner"), path).toContainText("e2e: banner check");
    }

    await page.goto("/operations");
    await staging.getByRole("button", { name: "Off" }).click();
    await confirmWithReason(page, "e2e: released", "Release kill switch");
    await expect(banner).toBeHidden();
    await page.goto("/policies");
    await expect(page.getByRole("heading", { name: "Policies" }).first()).toBeVisible();
    await expect(page.getByTestId("kill-switch-banner")).toHaveCount(0);
  } finally {
    // Never leave staging switched off for the specs that run after this one.
    await page.request.put("/api/console/environments/staging/kill-switch", {
      data: { mode: "off", reason: "e2e clean-up" },
    });
  }
});

test("an admin edits a runbook: raw HTML shows as text, a new version is kept, and the page is a stable link", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto("/runbooks");
  await page.getByRole("link", { name: /Policy DENY anomaly/ }).click();
  await expect(page).toHaveURL(/\/runbooks\/deny-anomaly$/);
  await page.getByRole("button", { name: "Edit" }).click();
  const owner = unique("SecOps");
  await page.getByLabel("Owner").fill(owner);
  const body = page.getByLabel("Runbook (markdown)");
  await body.fill(
    `${await body.inputValue()}\n\n## Contacts\n\n<script>window.__pwned = 1</script> [call us](javascript:window.__pwned=2)`,
  );
  await expect(page.getByTestId("runbook-preview")).toContainText("<script>window.__pwned = 1</script>");
  await page.getByRole("button", { name: "Save new version" }).click();
  await expect(page.getByTestId("runbook-owner")).toHaveText(owner);
  await expect(page.getByTestId("runbook-body")).toContainText("<script>window.__pwned = 1</script>");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await page.getByTestId("runbook-body").locator("script").count()).toBe(0);
  expect(await page.getByTestId("runbook-body").locator('a[href^="javascript:"]').count()).toBe(0);
  await expect(page.getByText(/Reviewed \d{4}-\d{2}-\d{2}/).first()).toBeVisible();
  await page.getByRole("link", { name: "v1" }).click();
  await expect(page.getByText(/You are reading version 1/)).toBeVisible();
  await expect(page.getByTestId("runbook-body")).not.toContainText("Contacts");
});
