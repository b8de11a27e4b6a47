import { expect, test, type APIRequestContext } from "@playwright/test";
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { AgentClient } from "../lib/agent-client";
import { SEED_POLICY_YAML } from "../lib/policy/seed-table";
import { adminApiToken, confirmDialog, signIn, signInAsAdmin, unique } from "./helpers";
import { newAgent, publishPolicy, seedCatalog } from "./agents";

// The seed's go/no-go script, run unchanged against the console. Its metrics are fixed
// (10 m, 30 m, 15 m windows) and every spec shares one database, so this spec keeps to
// staging — a metrics token bound to staging makes the script read staging's metrics —
// and orders its steps so each BLOCK is the first the script meets: clean → slow → unapproved.
const SCRIPT = path.resolve(import.meta.dirname, "../fixtures/mcp-go-no-go.sh");
const ENV = "staging";
const ALL_SCOPES = ["mcp:*:read", "mcp:*:write", "mcp:*:admin"];

test.describe.configure({ mode: "serial" });

let adminToken: string;
let metricsToken: string;
let agent: AgentClient;

function runScript(baseURL: string, token: string) {
  const api = `${baseURL.replace("://", `://gate:${token}@`)}/api`;
  const run = spawnSync("bash", [SCRIPT], { env: { ...process.env, API: api }, encoding: "utf8", timeout: 30_000 });
  return { code: run.status, out: run.stdout.trim(), err: run.stderr.trim() };
}

async function metric(request: APIRequestContext, name: string, window: string) {
  const res = await request.get(`/api/metrics/${name}?window=${window}`, {
    headers: { authorization: `Basic ${Buffer.from(`gate:${metricsToken}`).toString("base64")}` },
  });
  expect(res.status()).toBe(200);
  return { value: Number((await res.text()).trim()), state: res.headers()["x-metric-state"] };
}

async function readsWithResults(durations: number[]) {
  for (const ms of durations) {
    const d = await agent.decide({ server: "github", tool: "get_file_contents", arguments: { path: unique("f") } });
    await agent.reportResult(d.decision_id, {
      status: "ok",
      duration_ms: ms,
      output: { content: [{ type: "text", text: "file body" }] },
    });
  }
}

test.beforeAll(async ({ request, baseURL }) => {
  adminToken = await adminApiToken(request);
  await seedCatalog(request, adminToken, ENV);
  await publishPolicy(request, adminToken, SEED_POLICY_YAML, ENV);
  const res = await request.post("/api/console/metrics-tokens", {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { name: unique("gate"), environment: ENV },
  });
  expect(res.status()).toBe(201);
  metricsToken = (await res.json()).token;
  agent = (await newAgent(request, adminToken, baseURL!, ALL_SCOPES, ENV)).client;
});

test("the seed's go/no-go script passes on clean traffic", async ({ request, baseURL }) => {
  await readsWithResults([120, 180, 240, 300, 350, 400]);
  expect(await metric(request, "tool-call-p95-ms", "15m")).toEqual({ value: 400, state: "OK" });
  expect(await metric(request, "unapproved-high-risk-writes", "10m")).toEqual({ value: 0, state: "OK" });
  const run = runScript(baseURL!, metricsToken);
  expect(run.out, run.err).toBe("PASS: production gate clear");
  expect(run.code).toBe(0);
});

test("slow tool calls breach the latency SLO: the script blocks and exits 1", async ({ request, baseURL }) => {
  // 6 fast + 12 at 9 s: the 95th of 18 by nearest rank is the 18th value.
  await readsWithResults(Array.from({ length: 12 }, () => 9_000));
  expect((await metric(request, "tool-call-p95-ms", "15m")).value).toBe(9_000);
  const run = runScript(baseURL!, metricsToken);
  expect(run.out).toBe("BLOCK: tool latency SLO breach");
  expect(run.code).toBe(1);
});

test("a result for a high-risk write that was not allowed blocks at once: script, gates API and dashboard", async ({
  page,
  request,
  baseURL,
}) => {
  const d = await agent.decide({ server: "github", tool: "delete_repository", arguments: { repo: "acme/legacy" } });
  expect(d.decision).not.toBe("ALLOW");
  expect(await agent.reportResult(d.decision_id, { status: "ok", duration_ms: 800 })).toMatchObject({
    unapproved_execution: true,
  });
  expect((await metric(request, "unapproved-high-risk-writes", "10m")).value).toBe(1);
  const run = runScript(baseURL!, metricsToken);
  expect(run.out).toBe("BLOCK: unapproved high-risk write detected");
  expect(run.code).toBe(1);

  const gates = await (
    await request.get(`/api/v1/gates?environment=${ENV}`, { headers: { authorization: `Bearer ${metricsToken}` } })
  ).json();
  expect(gates.verdict).toBe("NO_GO");
  expect(gates.gates_verdict).toBe("NO_GO");
  expect(gates.blockers).toContainEqual(
    expect.objectContaining({ id: "unapproved-high-risk-writes", owner: "Governance", since: expect.any(String) }),
  );
  expect(gates.gates.find((g: { metric: string }) => g.metric === "unapproved-high-risk-writes")).toMatchObject({
    value: 1,
    state: "BLOCK",
    owner: "Governance",
  });
  // The token is bound to staging: it cannot read production.
  expect(
    (
      await request.get("/api/v1/gates?environment=production", {
        headers: { authorization: `Bearer ${metricsToken}` },
      })
    ).status(),
  ).toBe(403);

  await signInAsAdmin(page);
  await page.goto(`/?environment=${ENV}`);
  const banner = page.getByTestId("verdict-banner");
  await expect(banner).toHaveAttribute("data-verdict", "NO_GO");
  await expect(banner).toContainText("NO-GO");
  await expect(banner).toContainText("1 high-risk write ran without an approval in the last 10 min — target ≤ 0.");
  const tile = page.getByTestId("gate-unapproved-high-risk-writes");
  await expect(tile).toContainText("BLOCK");
  await expect(tile.getByTestId("gate-value")).toHaveText("1");
  await expect(page.getByTestId(`env-${ENV}`)).toContainText("NO-GO");
  await expect(page.getByTestId("gate-tool-call-p95-ms").getByTestId("gate-value")).toHaveText("9.00 s");
});

test("an admin creates a metrics token in the UI (shown once); a viewer sees the gates but cannot change thresholds", async ({
  page,
  browser,
  request,
}) => {
  await signInAsAdmin(page);
  await page.goto("/settings/gates");
  // A name is needed; the form says so beside the field and sends nothing.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Name the token after what uses it.")).toBeVisible();
  await expect(page.getByTestId("new-metrics-token")).toHaveCount(0);
  const tokenName = unique("prometheus");
  await page.getByLabel("Token name").fill(tokenName);
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-metrics-token")).toContainText("mgc_met_");
  // Revoking asks first; Cancel keeps the token working.
  const row = page.getByTestId(`metrics-token-${tokenName}`);
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Cancel" }).click();
  await expect(row).toContainText("active");
  await row.getByRole("button", { name: "Revoke" }).click();
  await confirmDialog(page, "Revoke token");
  await expect(row).toContainText("revoked");

  const email = `${unique("viewer")}@example.com`;
  expect(
    (
      await request.post("/api/console/users", {
        headers: { authorization: `Bearer ${adminToken}` },
        data: { email, role: "viewer", password: "viewer-password-1" },
      })
    ).status(),
  ).toBe(201);
  const ctx = await browser.newContext();
  const vp = await ctx.newPage();
  await signIn(vp, email, "viewer-password-1");
  await expect(vp.getByRole("heading", { name: "Overview" })).toBeVisible();
  await vp.goto("/settings/gates");
  await expect(vp.getByRole("heading", { name: "Gates & metrics" })).toBeVisible();
  // Read-only: the thresholds as text in the units people use, no inputs and no save.
  const readOnly = vp.getByTestId("gate-settings-read-only");
  const latency = readOnly.getByLabel("Tool call p95 latency thresholds");
  await expect(latency).toContainText("Blocks above");
  await expect(latency).toContainText("5 s");
  await expect(latency).toContainText("MCP Platform");
  await expect(readOnly.locator("input, textarea, select")).toHaveCount(0);
  await expect(vp.getByRole("button", { name: /Save/ })).toHaveCount(0);
  await expect(vp.getByTestId("dirty-bar")).toHaveCount(0);
  await expect(vp.getByText("Metrics tokens")).toHaveCount(0);
  const put = await vp.request.put("/api/console/gates/tool-call-p95-ms", {
    data: { target: 1, block: 1, window_minutes: 1, sustained: false, owner: "mallory" },
  });
  expect(put.status()).toBe(403);
  const bulk = await vp.request.put("/api/console/gates", {
    data: {
      gates: [{ metric: "tool-call-p95-ms", target: 1, block: 1, window_minutes: 1, sustained: false, owner: "m" }],
    },
  });
  expect(bulk.status()).toBe(403);
  expect((await vp.request.post("/api/console/metrics-tokens", { data: { name: "x" } })).status()).toBe(403);
  const settings = await (await vp.request.get("/api/console/gates")).json();
  expect(settings.gates.find((g: { metric: string }) => g.metric === "tool-call-p95-ms")).toMatchObject({
    block: 5000,
    owner: "MCP Platform",
  });
  await ctx.close();
});
