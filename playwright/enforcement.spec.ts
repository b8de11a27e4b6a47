import { expect, test } from "@playwright/test";
import { SEED_TABLE } from "../lib/policy/seed-table";
import { AgentApiError } from "../lib/agent-client";
import { heldWriteWorld } from "./held-write-world";
import { adminApiToken, signIn, unique } from "./helpers";
import { newAgent, publishPolicy, seedCatalog } from "./agents";

const ALL_SCOPES = ["mcp:*:read", "mcp:*:write", "mcp:*:admin"];

test.describe.configure({ mode: "serial" });

test("the seed table through the real decision endpoint with real tokens", async ({ request, baseURL }) => {
  const token = await adminApiToken(request);
  await seedCatalog(request, token);
  const snapshot = await publishPolicy(request, token);
  const { client } = await newAgent(request, token, baseURL!, ALL_SCOPES);
  for (const row of SEED_TABLE) {
    const d = await client.decide({ server: row.call.server, tool: row.call.tool, arguments: {} });
    expect(d, row.name).toMatchObject({
      decision: row.expected.decision,
      outcome: row.expected.outcome,
      rule_id: row.expected.ruleId,
      policy: { hash: snapshot.hash },
    });
    expect(d.request_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  }
});

test("401 without a token, 403 insufficient_scope naming the scope, 400 for a token in the query", async ({
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  const none = await request.post("/api/v1/decisions", { data: { server: "github", tool: "get_file_contents" } });
  expect(none.status()).toBe(401);
  expect(none.headers()["www-authenticate"]).toContain('resource_metadata="');
  const { client } = await newAgent(request, token, baseURL!, ["mcp:github:read"]);
  const err = await client.decide({ server: "github", tool: "create_issue" }).catch((e) => e);
  expect(err).toBeInstanceOf(AgentApiError);
  expect(err.status).toBe(403);
  const raw = await request.post("/api/v1/decisions", {
    headers: { authorization: `Bearer ${await client.accessToken()}` },
    data: { server: "github", tool: "create_issue" },
  });
  expect(raw.headers()["www-authenticate"]).toContain('error="insufficient_scope", scope="mcp:github:write"');
  const inQuery = await request.post(`/api/v1/decisions?access_token=${await client.accessToken()}`, {
    data: { server: "github", tool: "get_file_contents" },
  });
  expect(inQuery.status()).toBe(400);
});

test("an approver sees a held write appear without reloading, approves it, and the grant works exactly once", async ({
  page,
  request,
  baseURL,
}) => {
  // The seed catalog and policy are in place: the first test published them (the file runs serially).
  const world = await heldWriteWorld(request, baseURL!, { seeded: false });
  const { client } = world;
  const approver = await world.person("approver", "approver-password-1");
  const approverEmail = approver.email;

  await signIn(page, approver.email, approver.password);
  await page.getByRole("link", { name: /Approvals/ }).click();
  await expect(page.getByRole("heading", { name: "Approvals" })).toBeVisible();

  const args = { repo: "acme/api", title: unique("bug"), token: "ghp_should_be_masked_in_storage" };
  const held = await world.hold(args);
  expect(held).toMatchObject({
    decision: "REQUIRE_APPROVAL",
    outcome: "APPROVAL",
    rule_id: "approval-required-write-actions",
    approval: { status: "PENDING" },
  });
  const again = await client.decide({ server: "github", tool: "create_issue", arguments: args });
  expect(again.approval!.id).toBe(held.approval!.id);

  const item = page
    .getByTestId("approval-list")
    .getByRole("button", { name: /github · create_issue/ })
    .first();
  await expect(item).toBeVisible();
  await page.goto(`/approvals?id=${held.approval!.id}`);
  const detail = page.getByTestId("approval-detail");
  await expect(detail).toContainText("approval-required-write-actions");
  await expect(page.getByTestId("approval-arguments")).toContainText("acme/api");
  await expect(page.getByTestId("approval-arguments")).not.toContainText("ghp_should_be_masked_in_storage");
  await page.getByRole("button", { name: "Approve" }).click();
  // The queue moves on to the next request; the decided one is under Decided.
  await expect(page.getByTestId(`approval-item-${held.approval!.id}`)).toHaveCount(0);
  await page.goto(`/approvals?view=history&id=${held.approval!.id}`);
  await expect(detail).toContainText(`Decided by${approverEmail}`);

  const status = await client.waitForApproval(held.approval!.id, 5);
  expect(status).toMatchObject({ status: "APPROVED", decided_by: approverEmail });

  const changed = await client.decide({
    server: "github",
    tool: "create_issue",
    arguments: { ...args, repo: "acme/other" },
    approval_id: held.approval!.id,
  });
  expect(changed).toMatchObject({ decision: "DENY", reason: "approval_request_mismatch" });

  const results = await Promise.all(
    Array.from({ length: 50 }, () =>
      client.decide({ server: "github", tool: "create_issue", arguments: args, approval_id: held.approval!.id }),
    ),
  );
  const allowed = results.filter((r) => r.decision === "ALLOW");
  expect(allowed).toHaveLength(1);
  expect(allowed[0]).toMatchObject({ outcome: "CONSTRAINTS", constraints: { max_runtime_sec: 60, max_retries: 1 } });
  expect(results.filter((r) => r.decision === "DENY").every((r) => r.reason === "approval_already_used")).toBe(true);
});

test("publishing a new policy voids a pending approval and opens a new one", async ({ request, baseURL }) => {
  const token = await adminApiToken(request);
  const { client } = await newAgent(request, token, baseURL!, ALL_SCOPES);
  const args = { project: "OPS", summary: unique("x") };
  const first = await client.decide({ server: "jira", tool: "create_issue", arguments: args });
  expect(first.decision).toBe("REQUIRE_APPROVAL");
  const { SEED_POLICY_YAML } = await import("../lib/policy/seed-table");
  await publishPolicy(request, token, SEED_POLICY_YAML.replace("max_retries: 1", "max_retries: 2"));
  await new Promise((r) => setTimeout(r, 1_100));
  const second = await client.decide({ server: "jira", tool: "create_issue", arguments: args });
  expect(second.decision).toBe("REQUIRE_APPROVAL");
  expect(second.approval!.id).not.toBe(first.approval!.id);
  expect((await client.waitForApproval(first.approval!.id, 0)).status).toBe("VOIDED");
  await publishPolicy(request, token);
});

test("idempotency keys return the first answer and create nothing new; results of denied calls count as unapproved", async ({
  request,
  baseURL,
}) => {
  const token = await adminApiToken(request);
  const { client } = await newAgent(request, token, baseURL!, ALL_SCOPES);
  const key = unique("idem");
  const a = await client.decide({
    server: "github",
    tool: "get_file_contents",
    arguments: { path: "README.md" },
    idempotency_key: key,
  });
  const b = await client.decide({
    server: "github",
    tool: "get_file_contents",
    arguments: { path: "README.md" },
    idempotency_key: key,
  });
  expect(b.decision_id).toBe(a.decision_id);
  const ok = await client.reportResult(a.decision_id, {
    status: "ok",
    duration_ms: 120,
    output: { content: [{ type: "text", text: "hello" }] },
  });
  expect(ok.action).toBe("ALLOW");
  const denied = await client.decide({ server: "slack", tool: "admin_users_remove", arguments: {} });
  expect(denied.decision).toBe("DENY");
  const res = await client.reportResult(denied.decision_id, { status: "ok", duration_ms: 40 });
  expect(res).toMatchObject({ unapproved_execution: true });
  const dup = await client.reportResult(denied.decision_id, { status: "ok", duration_ms: 40 }).catch((e) => e);
  expect(dup.status).toBe(409);
});

test("bad decision bodies get 4xx problems", async ({ request, baseURL }) => {
  const token = await adminApiToken(request);
  const { client } = await newAgent(request, token, baseURL!, ALL_SCOPES);
  const auth = { authorization: `Bearer ${await client.accessToken()}` };
  expect(
    (
      await request.post("/api/v1/decisions", {
        headers: { ...auth, "content-type": "text/plain" },
        data: Buffer.from("x"),
      })
    ).status(),
  ).toBe(415);
  expect(
    (
      await request.post("/api/v1/decisions", {
        headers: { ...auth, "content-type": "application/json" },
        data: Buffer.from("{"),
      })
    ).status(),
  ).toBe(400);
  const invalid = await request.post("/api/v1/decisions", {
    headers: auth,
    data: { server: "", tool: 5, extra: true },
  });
  expect(invalid.status()).toBe(422);
  expect(invalid.headers()["content-type"]).toContain("application/problem+json");
  expect(
    (
      await request.post("/api/v1/decisions", {
        headers: auth,
        data: { server: "github", tool: "x", arguments: { big: "y".repeat(1_100_000) } },
      })
    ).status(),
  ).toBe(413);
});
