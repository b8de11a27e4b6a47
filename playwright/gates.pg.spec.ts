import { expect, test } from "@playwright/test";
import pg from "pg";
import { SEED_POLICY_YAML } from "../lib/policy/seed-table";
import { adminApiToken, signInAsAdmin, unique } from "./helpers";
import { newAgent, publishPolicy, seedCatalog } from "./agents";

// PostgreSQL only: instead of a test clock, the rows are aged in the database itself (the
// embedded database belongs to the server process). Development keeps this apart from
// gates.spec.ts (staging); every development row is moved two hours back, so the windows
// are clear of anything recent, whichever spec wrote it.
const ENV = "development";
const AGE = "interval '2 hours'";

test("the dashboard shows NO-GO after an unapproved high-risk write, and the gate stops blocking once the window has passed", async ({
  page,
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  await seedCatalog(request, token, ENV);
  await publishPolicy(request, token, SEED_POLICY_YAML, ENV);
  const { client } = await newAgent(request, token, baseURL!, ["mcp:*:read", "mcp:*:write"], ENV);
  const d = await client.decide({
    server: "github",
    tool: "delete_repository",
    arguments: { repo: unique("acme/legacy") },
  });
  expect(d.decision).not.toBe("ALLOW");
  await client.reportResult(d.decision_id, { status: "ok", duration_ms: 700 });

  await signInAsAdmin(page);
  await page.goto(`/?environment=${ENV}`);
  await expect(page.getByTestId("verdict-banner")).toHaveAttribute("data-verdict", "NO_GO");
  await expect(page.getByTestId("gate-unapproved-high-risk-writes")).toContainText("BLOCK");

  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  try {
    await db.query("BEGIN");
    await db.query(`UPDATE tool_results SET at = at - ${AGE} WHERE environment = $1`, [ENV]);
    for (const table of [
      "metric_result_rollups",
      "metric_latency_rollups",
      "metric_decision_rollups",
      "metric_auth_failure_rollups",
    ]) {
      await db.query(`UPDATE ${table} SET minute = minute - ${AGE} WHERE environment::text = $1`, [ENV]);
    }
    await db.query(
      `UPDATE approvals SET "createdAt" = "createdAt" - ${AGE}, "expiresAt" = "expiresAt" - ${AGE}, "decidedAt" = "decidedAt" - ${AGE} WHERE environment = $1`,
      [ENV],
    );
    await db.query("COMMIT");
  } finally {
    await db.end();
  }

  await page.reload();
  // The write no longer blocks; the verdict is whatever the rest of the evidence says (with the
  // window empty the gate has no data, so never GO), and the banner agrees with the API.
  await expect(page.getByTestId("gate-unapproved-high-risk-writes")).not.toContainText("BLOCK");
  const banner = page.getByTestId("verdict-banner");
  await expect(
    banner.locator('[data-testid="verdict-reason"][data-id="unapproved-high-risk-writes"][data-state="BLOCK"]'),
  ).toHaveCount(0);
  const now = await (
    await request.get(`/api/v1/go-no-go?environment=${ENV}`, { headers: { authorization: `Bearer ${token}` } })
  ).json();
  expect(now.verdict).not.toBe("GO");
  expect(now.blockers.map((b: { id: string }) => b.id)).not.toContain("unapproved-high-risk-writes");
  await expect(banner).toHaveAttribute("data-verdict", now.verdict);
  await expect(page.getByTestId(`env-${ENV}`)).toHaveAttribute("data-verdict", now.verdict);
  const history = await (
    await request.get(`/api/console/gates/history?environment=${ENV}`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json();
  const changes = history.changes
    .filter((c: { gate: string }) => c.gate === "unapproved-high-risk-writes")
    .map((c: { to: string }) => c.to);
  expect(changes[0]).not.toBe("BLOCK");
  expect(changes).toContain("BLOCK");
});
