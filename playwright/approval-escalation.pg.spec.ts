import { expect, test } from "@playwright/test";
import pg from "pg";
import { heldWriteWorld } from "./held-write-world";
import { signInOk, unique } from "./helpers";

// PostgreSQL only: ages a request in the database instead of waiting ten minutes.
test("a request waiting past the escalation time moves to the fallback group", async ({ page, request, baseURL }) => {
  test.setTimeout(90_000);
  const world = await heldWriteWorld(request, baseURL!, { scopes: ["mcp:*:write"] });
  const { token } = world;
  const auth = { authorization: `Bearer ${token}` };
  const oncall = `${unique("oncall")}@example.com`;
  const created = await (
    await request.post("/api/console/users", {
      headers: auth,
      data: { email: oncall, role: "approver", password: "oncall-password-12" },
    })
  ).json();
  const group = await request.post("/api/console/approver-groups", {
    headers: auth,
    data: { name: unique("oncall").toLowerCase(), fallback: true },
  });
  expect(group.status()).toBe(201);
  await request.patch(`/api/console/approver-groups/${(await group.json()).id}`, {
    headers: auth,
    data: { members: [created.id] },
  });
  const held = await world.hold({ t: unique("late") });
  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await db.connect();
  await db.query(`UPDATE approvals SET "createdAt" = now() - interval '11 minutes' WHERE id = $1`, [held.approval!.id]);
  await db.end();
  await signInOk(page, oncall, "oncall-password-12");
  await page.goto(`/approvals?id=${held.approval!.id}`);
  await expect(page.getByTestId("approval-list").getByText("escalated")).toBeVisible({ timeout: 30_000 });
  const events = await (
    await request.get(`/api/console/audit?kind=events&event=approval.escalated&range=1h`, { headers: auth })
  ).json();
  expect(JSON.stringify(events)).toContain(held.approval!.id);
});
