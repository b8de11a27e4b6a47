import { expect, test } from "@playwright/test";
import { createPerson, heldWriteWorld, signInToQueue } from "./held-write-world";
import { adminApiToken, signInOk, unique } from "./helpers";

test("an approver edits the arguments and approves; only the edited call runs, once", async ({
  page,
  request,
  baseURL,
}) => {
  const world = await heldWriteWorld(request, baseURL!);
  const { client } = world;
  const approver = await world.person("approver", "workflow-password-1");
  const original = { repo: "acme/api", title: unique("delete everything") };
  const held = await world.hold(original);
  expect(held.decision).toBe("REQUIRE_APPROVAL");

  await signInToQueue(page, approver);
  await page.goto(`/approvals?id=${held.approval!.id}`);
  await page.getByRole("button", { name: "Edit arguments…" }).click();
  const edited = { repo: "acme/api", title: "archive stale branches" };
  await page.getByLabel("Edited arguments").fill(JSON.stringify(edited, null, 2));
  await page.getByRole("button", { name: "Approve edited call" }).click();
  await expect(page.getByTestId(`approval-item-${held.approval!.id}`)).toHaveCount(0);
  await page.goto(`/approvals?view=history&id=${held.approval!.id}`);
  const diff = page.getByTestId("approval-arguments-diff");
  await expect(diff).toContainText("archive stale branches");
  await expect(diff).toContainText(original.title);

  const status = await client.waitForApproval(held.approval!.id, 5);
  expect(status).toMatchObject({ status: "APPROVED" });
  expect((status as unknown as { approved_arguments: unknown }).approved_arguments).toEqual(edited);
  expect(
    await client.decide({
      server: "github",
      tool: "create_issue",
      arguments: original,
      approval_id: held.approval!.id,
    }),
  ).toMatchObject({ decision: "DENY", reason: "approval_request_mismatch" });
  expect(
    (await client.decide({ server: "github", tool: "create_issue", arguments: edited, approval_id: held.approval!.id }))
      .decision,
  ).toBe("ALLOW");
  expect(
    (await client.decide({ server: "github", tool: "create_issue", arguments: edited, approval_id: held.approval!.id }))
      .reason,
  ).toBe("approval_already_used");
});

test("a viewer sees the queue's metadata but no arguments, in the page and the API", async ({
  page,
  request,
  baseURL,
}) => {
  const world = await heldWriteWorld(request, baseURL!);
  const secretTitle = unique("customer-list-for-acme");
  const held = await world.hold({ project: "OPS", summary: secretTitle }, { server: "jira" });
  const viewer = await world.person("viewer", "workflow-password-1");
  await signInOk(page, viewer.email, viewer.password);
  await page.goto(`/approvals?id=${held.approval!.id}`);
  await expect(page.getByTestId("approval-detail")).toContainText("Your role sees metadata only.");
  await expect(page.getByTestId("approval-detail")).not.toContainText(secretTitle);
  await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
  const list = await (await page.request.get("/api/console/approvals?status=PENDING")).json();
  expect(JSON.stringify(list)).not.toContain(secretTitle);
  const detail = await page.request.get(`/api/console/approvals/${held.approval!.id}`);
  expect(JSON.stringify(await detail.json())).not.toContain(secretTitle);
  expect((await page.request.post(`/api/console/approvals/${held.approval!.id}/approve`, { data: {} })).status()).toBe(
    403,
  );
});

test("insights and settings pages answer for their roles", async ({ page, request }) => {
  const token = await adminApiToken(request);
  await signInToQueue(page, await createPerson(request, token, "approver", "workflow-password-1"));
  await page.goto("/approvals/insights");
  await expect(page.getByRole("heading", { name: "Approval insights" })).toBeVisible();
  expect((await page.goto("/approvals/settings"))?.status()).toBe(403);
  expect((await page.request.post("/api/console/approver-groups", { data: { name: "nope" } })).status()).toBe(403);
});
