import { expect, test } from "@playwright/test";
import pg from "pg";
import { ADMIN_EMAIL, ADMIN_PASSWORD, apiSignIn, signInAsAdmin } from "./helpers";

// PostgreSQL only: the embedded database belongs to the server process, so this test cannot
// reach it from outside; lib/server/audit.test.ts covers tampering on the embedded database.
test("tampering with an audit row makes verification report the broken link", async ({ page, request }) => {
  await apiSignIn(request, ADMIN_EMAIL, ADMIN_PASSWORD);
  const clean = await (await request.get("/api/v1/audit/verify")).json();
  expect(clean.ok).toBe(true);
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  const { rows } = await client.query(
    `SELECT seq, "actorLabel" FROM audit_events WHERE action = 'auth.login' ORDER BY seq LIMIT 1`,
  );
  await client.query(`UPDATE audit_events SET "actorLabel" = 'someone-else@example.com' WHERE seq = $1`, [rows[0].seq]);
  try {
    // The clean run left a signed checkpoint past this row: only a full run recomputes it, and it
    // moves the checkpoint back before the break, so the page's incremental run shows it too.
    const broken = await (await request.get("/api/v1/audit/verify?full=1")).json();
    expect(broken.ok).toBe(false);
    expect(broken.break).toMatchObject({ seq: String(rows[0].seq), problem: "hash_mismatch" });
    await signInAsAdmin(page);
    await page.getByRole("link", { name: "Audit trail" }).click();
    await expect(page.getByTestId("chain-broken")).toContainText(`#${rows[0].seq}`);
  } finally {
    await client.query(`UPDATE audit_events SET "actorLabel" = $2 WHERE seq = $1`, [rows[0].seq, rows[0].actorLabel]);
    await client.end();
  }
});
