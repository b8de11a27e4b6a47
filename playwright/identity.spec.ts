import { expect, test, type APIRequestContext } from "@playwright/test";
import { freePort, startServerEverything } from "../lib/testing/server-everything";
import { adminApiToken, confirmDialog, apiSignIn, signIn, signInAsAdmin, unique } from "./helpers";

function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString());
}

async function createUser(request: APIRequestContext, token: string, role: string) {
  const email = `${unique(role.replace("_", "-"))}@example.com`;
  const password = "identity-e2e-password-1";
  const res = await request.post("/api/console/users", {
    headers: { authorization: `Bearer ${token}` },
    data: { email, role, password },
  });
  expect(res.status()).toBe(201);
  return { email, password };
}

test("an agent created in the UI shows its secret once and gets an ES256 access token", async ({
  page,
  playwright,
  baseURL,
}) => {
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Agents", exact: true }).click();
  await page.getByRole("button", { name: "New agent" }).click();
  const name = unique("release-bot");
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill(name);
  await dialog.getByLabel("Environment").selectOption("production");
  await dialog.getByLabel("Scopes").fill("mcp:github:read mcp:jira:write");
  await dialog.getByLabel("Owner").fill("platform-team");
  await dialog.getByRole("button", { name: "Create agent" }).click();
  const secret = (await page.getByTestId("new-client-secret").textContent())!.trim();
  const clientId = (await page.getByTestId("new-client-id").textContent())!.trim();
  expect(secret).toMatch(/^mgc_cs_/);
  await expect(page.getByTestId(`agent-row-${name}`)).toContainText("active");

  await page.reload();
  await expect(page.getByTestId(`agent-row-${name}`)).toBeVisible();
  await expect(page.getByTestId("new-client-secret")).toHaveCount(0);
  await expect(page.getByText(secret)).toHaveCount(0);

  const bare = await playwright.request.newContext({ baseURL });
  const basic = Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64");
  const res = await bare.post("/api/oauth/token", {
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    data: "grant_type=client_credentials&scope=mcp%3Agithub%3Aread",
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ token_type: "Bearer", scope: "mcp:github:read" });
  const header = JSON.parse(Buffer.from(body.access_token.split(".")[0], "base64url").toString());
  expect(header).toMatchObject({ alg: "ES256", typ: "at+jwt" });
  expect(claimsOf(body.access_token)).toMatchObject({
    iss: baseURL,
    sub: clientId,
    env: "production",
    scope: "mcp:github:read",
  });

  const jwks = await (await bare.get("/.well-known/jwks.json")).json();
  expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(header.kid);
  const meta = await (await bare.get("/.well-known/oauth-authorization-server")).json();
  expect(meta).toMatchObject({
    issuer: baseURL,
    token_endpoint: `${baseURL}/api/oauth/token`,
    grant_types_supported: ["client_credentials", "authorization_code"],
    code_challenge_methods_supported: ["S256"],
  });
  const prm = await (await bare.get("/.well-known/oauth-protected-resource/api/v1/decisions")).json();
  expect(prm).toMatchObject({
    resource: `${baseURL}/api/v1/decisions`,
    authorization_servers: [baseURL],
    bearer_methods_supported: ["header"],
  });

  const wrong = await bare.post("/api/oauth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: "mgc_cs_wrong" },
  });
  expect(wrong.status()).toBe(401);
  expect(await wrong.json()).toMatchObject({ error: "invalid_client" });
  const tooWide = await bare.post("/api/oauth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret, scope: "mcp:github:admin" },
  });
  expect(tooWide.status()).toBe(400);
  expect(await tooWide.json()).toMatchObject({ error: "invalid_scope" });
  await bare.dispose();
});

test("tools are discovered from server-everything, reviewed as a diff, then saved", async ({ page }) => {
  const everything = await startServerEverything();
  try {
    await signInAsAdmin(page);
    await page.goto("/servers?env=development");
    await page.getByRole("button", { name: "New server" }).click();
    const name = unique("everything");
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("URL").fill(everything.url);
    await dialog.getByRole("button", { name: "Save server" }).click();
    await expect(page.getByText(`Catalogued ${name} in development.`)).toBeVisible();

    const card = page.locator("section").filter({ has: page.getByTestId(`server-${name}`) });
    await card.getByRole("button", { name: "Discover tools" }).click();
    const changes = page.getByTestId("discover-changes");
    await expect(changes).toContainText("echo");
    await expect(changes).toContainText("added");
    await page.getByRole("button", { name: "Save tools" }).click();
    await expect(page.getByText(`Saved the discovered tools of ${name}.`)).toBeVisible();
    const echo = page.getByTestId(`tool-${name}-echo`);
    await expect(echo).toContainText("read");
    await expect(echo).toContainText("low risk");
  } finally {
    await everything.stop();
  }
});

test("discovery answers 422 ssrf-blocked and 502 through the API", async ({ request }) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const blocked = await request.post("/api/console/servers", {
    headers: auth,
    data: {
      environment: "production",
      name: unique("meta"),
      transport: "remote_http",
      url: "https://169.254.169.254/latest",
    },
  });
  expect(blocked.status()).toBe(422);
  expect((await blocked.json()).type).toMatch(/\/ssrf-blocked$/);
  const stdio = await request.post("/api/console/servers", {
    headers: auth,
    data: { environment: "staging", name: unique("shell"), transport: "stdio", command: "sh" },
  });
  expect(stdio.status()).toBe(422);
  const down = await request.post("/api/console/servers", {
    headers: auth,
    data: {
      environment: "development",
      name: unique("down"),
      transport: "remote_http",
      url: `http://127.0.0.1:${await freePort()}/mcp`,
    },
  });
  expect(down.status()).toBe(201);
  const res = await request.post(`/api/console/servers/${(await down.json()).id}/discover`, {
    headers: auth,
    data: {},
  });
  expect(res.status()).toBe(502);
  expect((await res.json()).type).toMatch(/\/upstream-unreachable$/);
});

test("a policy author's promotion to production waits for a second person's approval on Reviews", async ({
  page,
  browser,
  baseURL,
  request,
}) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const author = await createUser(request, token, "policy_author");
  const reviewer = await createUser(request, token, "policy_author");
  const name = unique("github");
  const created = await request.post("/api/console/servers", {
    headers: auth,
    data: {
      environment: "development",
      name,
      transport: "remote_http",
      url: `https://${name}.example.com/mcp`,
      tools: [
        { name: "get_issue", annotations: { readOnlyHint: true } },
        { name: "delete_repo", annotations: { destructiveHint: true } },
      ],
    },
  });
  expect(created.status()).toBe(201);
  const staged = await request.post(`/api/console/servers/${(await created.json()).id}/promote`, { headers: auth });
  expect(staged.status()).toBe(201);

  await signIn(page, author.email, author.password);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await page.goto("/servers?env=staging");
  const card = page.locator("section").filter({ has: page.getByTestId(`server-${name}`) });
  await card.getByRole("button", { name: "Promote to production" }).click();
  await confirmDialog(page, "Promote");
  await expect(page.getByText(`Sent for review: “Promote ${name} to production”`)).toBeVisible();
  await page.goto("/servers?env=production");
  await expect(page.getByTestId(`server-${name}`)).toHaveCount(0);
  await page.goto("/reviews");
  const own = page.locator("li").filter({ hasText: `Promote ${name} to production` });
  await expect(own).toContainText("another person must review it");
  await expect(own.getByRole("button", { name: "Approve and apply" })).toHaveCount(0);

  const ctx = await browser.newContext({ baseURL });
  const rp = await ctx.newPage();
  await signIn(rp, reviewer.email, reviewer.password);
  await expect(rp.getByRole("heading", { name: "Overview" })).toBeVisible();
  await rp.getByRole("link", { name: "Reviews" }).click();
  const item = rp.locator("li").filter({ hasText: `Promote ${name} to production` });
  await expect(item).toContainText('"op": "promote"');
  await item.getByLabel("Review reason").fill("entry checked");
  await item.getByRole("button", { name: "Approve and apply" }).click();
  await expect(
    rp
      .getByTestId("decided-changes")
      .locator("tr")
      .filter({ hasText: `Promote ${name} to production` })
      .filter({ hasText: "Approved" }),
  ).toBeVisible();
  await rp.goto("/servers?env=production");
  await expect(rp.getByTestId(`server-${name}`)).toBeVisible();
  await expect(rp.getByTestId(`tool-${name}-delete_repo`)).toContainText("high risk");
  await ctx.close();
});

test("a viewer reads the catalog and agents but changes nothing; identity settings are admin-only", async ({
  playwright,
  baseURL,
  request,
}) => {
  const token = await adminApiToken(request);
  const viewer = await createUser(request, token, "viewer");
  const ctx = await playwright.request.newContext({ baseURL });
  await apiSignIn(ctx, viewer.email, viewer.password);
  expect((await ctx.get("/api/console/servers")).status()).toBe(200);
  expect((await ctx.get("/api/console/agents")).status()).toBe(200);
  const agent = await ctx.post("/api/console/agents", {
    data: { name: "x", environment: "development", scopes: ["mcp:*:read"] },
  });
  expect(agent.status()).toBe(403);
  expect(agent.headers()["content-type"]).toContain("application/problem+json");
  expect(
    (
      await ctx.post("/api/console/servers", { data: { environment: "development", name: "x", transport: "stdio" } })
    ).status(),
  ).toBe(403);
  expect((await ctx.get("/api/console/trusted-issuers")).status()).toBe(403);
  expect((await ctx.post("/api/console/signing-keys/rotate")).status()).toBe(403);
  const anonymous = await playwright.request.newContext({ baseURL });
  expect((await anonymous.get("/api/console/agents")).status()).toBe(401);
  await ctx.dispose();
  await anonymous.dispose();
});
