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

test("the dashboard shows NO-GO after an unapproved high-risk write, and GO again once the window has passed", async ({
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
  await expect(page.getByTestId("verdict-banner")).toHaveAttribute("data-verdict", "GO");
  await expect(page.getByTestId("gate-unapproved-high-risk-writes")).not.toContainText("BLOCK");
  await expect(page.getByTestId(`env-${ENV}`)).not.toContainText("NO-GO");
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
