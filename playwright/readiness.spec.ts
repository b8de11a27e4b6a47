import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { startLoopbackMcpServer, type LoopbackMcpServer } from "../lib/server/readiness/mcp-test-servers";
import { readFileSync } from "node:fs";
import { ADMIN_EMAIL, ADMIN_PASSWORD, adminApiToken, confirmWithReason, unique } from "./helpers";

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };

// Two real MCP servers on loopback (allowed by the e2e servers' SSRF_ALLOW_HOSTS): one demands a token, one answers anyone.
let guarded: LoopbackMcpServer;
let open: LoopbackMcpServer;
test.beforeAll(async () => {
  guarded = await startLoopbackMcpServer({ token: "upstream-secret", name: "guarded" });
  open = await startLoopbackMcpServer({ name: "open" });
});
test.afterAll(async () => {
  await guarded?.stop();
  await open?.stop();
});

async function catalogue(request: APIRequestContext, token: string, name: string, url: string) {
  const res = await request.post("/api/console/servers", {
    headers: { authorization: `Bearer ${token}` },
    data: {
      environment: "development",
      name,
      transport: "remote_http",
      url,
      owner: "e2e",
      tools: [{ name: "echo", action: "read", risk: "low" }],
    },
  });
  expect(res.status()).toBe(201);
}

/**
 * Other specs leave development servers behind (some pointing at upstreams that are gone); the
 * probe would report them too, so this spec isolates the development catalog to its own two.
 */
async function suspendOthers(request: APIRequestContext, token: string, keep: string[]) {
  const list = await (
    await request.get("/api/console/servers?environment=development", { headers: { authorization: `Bearer ${token}` } })
  ).json();
  for (const s of list.servers as { id: string; name: string; status: string; transport: string }[]) {
    if (keep.includes(s.name) || s.status !== "active" || s.transport !== "remote_http") continue;
    const res = await request.post(`/api/console/servers/${s.id}/suspend`, {
      headers: { authorization: `Bearer ${token}` },
      data: { reason: "readiness e2e isolates the remote-auth probe" },
    });
    expect(res.status()).toBeLessThan(300);
  }
}

/**
 * Runs the checklist from the page, waiting out the once-a-minute limit. The background schedule
 * may take the slot between the page's read and the click; then the page shows the wait and we try again.
 */
async function runChecks(page: Page) {
  const button = page.getByRole("button", { name: "Run checks now" });
  for (let attempt = 0; attempt < 2; attempt++) {
    await expect(button).toBeEnabled({ timeout: 80_000 });
    const answered = page.waitForResponse(
      (r) => r.url().includes("/api/console/readiness/development/run") && r.request().method() === "POST",
    );
    await button.click();
    const status = (await answered).status();
    if (status === 201) return;
    expect(status).toBe(429);
  }
  throw new Error("the checklist run was refused twice");
}

test("readiness: an open remote server fails remote-auth with evidence and a fix link; suspended, the re-run passes", async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const token = await adminApiToken(request);
  const guardedName = unique("guarded");
  const openName = unique("open");
  await catalogue(request, token, guardedName, guarded.url);
  await catalogue(request, token, openName, open.url);
  await suspendOthers(request, token, [guardedName, openName]);

  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/readiness?environment=development");
  await expect(page.getByRole("heading", { name: "Readiness" })).toBeVisible();
  await runChecks(page);

  const check = page.getByTestId("check-remote-auth");
  await expect(check).toHaveAttribute("data-status", "FAIL");
  await expect(check.getByText("FAIL", { exact: true })).toBeVisible();
  await expect(check.getByTestId("evidence")).toContainText(
    `1 of 2 active remote servers answered 401/403; ${openName} answered 200 to an unauthenticated initialize at`,
  );
  await expect(check.getByText("Platform Security")).toBeVisible();
  const verdict = page.getByTestId("verdict-banner");
  await expect(verdict).toHaveAttribute("data-verdict", "NO_GO");
  const reason = verdict.locator('[data-testid="verdict-reason"][data-id="remote-auth"]');
  await expect(reason.getByTestId("verdict-sentence")).toContainText(`${openName} answered 200`);
  await expect(reason).toContainText("Platform Security");
  // The probe sent no credentials to either server.
  expect(open.seen.filter((s) => s.method === "POST").every((s) => !s.authorized)).toBe(true);
  expect(guarded.seen.some((s) => s.method === "POST")).toBe(true);

  // The dashboard's Readiness section says the same.
  await page.goto("/?environment=development");
  await expect(page.getByTestId("summary-remote-auth")).toHaveAttribute("data-status", "FAIL");

  // The fix link leads to the development catalog, where the open server is suspended.
  await page.goto("/readiness?environment=development");
  const fix = page.getByTestId("check-remote-auth").getByTestId("fix-link");
  await expect(fix).toHaveAttribute("href", "/servers?env=development");
  await fix.click();
  await expect(page.getByRole("heading", { name: "Servers" })).toBeVisible();
  const card = page.locator("section").filter({ has: page.getByTestId(`server-${openName}`) });
  await card.getByRole("button", { name: "Suspend" }).click();
  await confirmWithReason(page, "accepts unauthenticated MCP sessions", "Suspend server");
  await expect(page.getByTestId(`server-${openName}`)).toContainText("suspended");

  await page.goto("/readiness?environment=development");
  await runChecks(page);
  const after = page.getByTestId("check-remote-auth");
  await expect(after).toHaveAttribute("data-status", "PASS");
  await expect(after.getByTestId("evidence")).toContainText(
    "The only active remote server refused an unauthenticated initialize (401)",
  );
  // The FAIL → PASS change is in the history (the 15-minute schedule may have stored more runs).
  await expect(
    after.getByRole("img", { name: /\d+ stored runs, [1-9]\d* status changes?; latest PASS/ }),
  ).toBeVisible();

  // The printable report and the JSON export are stamped with environment, policy and console version.
  await page.goto("/readiness/report?environment=development");
  await expect(page.getByTestId("report-remote-auth")).toContainText("PASS");
  await expect(page.getByTestId("readiness-report")).toContainText(`Console version${pkg.version}`);
  const exported = await request.get("/api/console/readiness/report?environment=development&download=1", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(exported.headers()["content-disposition"]).toMatch(
    /^attachment; filename="readiness-development-\d{8}T\d{4}Z\.json"$/,
  );
  const json = await exported.json();
  expect(json).toMatchObject({ environment: "development", console_version: pkg.version });
  expect(json.checks).toHaveLength(13);
  expect(json.checks.find((c: { id: string }) => c.id === "remote-auth").status).toBe("PASS");
});

test("readiness API: metrics token or session, never anonymous; runs need operations:manage and are limited to one a minute", async ({
  request,
  playwright,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  const metrics = await (
    await request.post("/api/console/metrics-tokens", {
      headers: { authorization: `Bearer ${token}` },
      data: { name: unique("readiness"), environment: "staging" },
    })
  ).json();
  const anon = await playwright.request.newContext({ baseURL });
  expect((await anon.get("/api/v1/readiness?environment=staging")).status()).toBe(401);
  const basic = Buffer.from(`gate:${metrics.token}`).toString("base64");
  const res = await anon.get("/api/v1/readiness?environment=staging", { headers: { authorization: `Basic ${basic}` } });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.checks.map((c: { id: string }) => c.id)).toEqual([
    "remote-auth",
    "scoped-tokens",
    "receipts",
    "ssrf-guard",
    "decision-logged",
    "no-unapproved-writes",
    "approval-binding",
    "output-safety",
    "fn-review",
    "metrics",
    "queue-slo",
    "env-separation",
    "drill",
  ]);
  // The same verdict as the combined go/no-go endpoint (NOT_READY while evidence is missing).
  expect(["GO", "NO_GO", "NOT_READY"]).toContain(body.verdict);
  const combined = await (
    await anon.get("/api/v1/go-no-go?environment=staging", { headers: { authorization: `Basic ${basic}` } })
  ).json();
  expect(combined.verdict).toBe(body.verdict);
  expect(combined.blockers).toEqual(body.blockers);
  expect(body.gates).toHaveLength(6);
  // A token bound to staging reads staging only; a bad window is a 422 problem.
  expect(
    (
      await anon.get("/api/v1/readiness?environment=production", { headers: { authorization: `Basic ${basic}` } })
    ).status(),
  ).toBe(403);
  const bad = await anon.get("/api/v1/readiness?environment=staging&window=9y", {
    headers: { authorization: `Basic ${basic}` },
  });
  expect(bad.status()).toBe(422);
  expect(bad.headers()["content-type"]).toContain("application/problem+json");
  // A metrics token cannot start a run.
  expect(
    (
      await anon.post("/api/console/readiness/staging/run", { headers: { authorization: `Bearer ${metrics.token}` } })
    ).status(),
  ).toBe(401);
  await anon.dispose();
  // The admin can, once a minute per environment.
  const first = await request.post("/api/console/readiness/staging/run", {
    headers: { authorization: `Bearer ${token}` },
  });
  const second = await request.post("/api/console/readiness/staging/run", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect([first.status(), second.status()]).toContain(429);
  const limited = first.status() === 429 ? first : second;
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(0);
  expect(
    (
      await request.post("/api/console/readiness/nowhere/run", { headers: { authorization: `Bearer ${token}` } })
    ).status(),
  ).toBe(404);
});
