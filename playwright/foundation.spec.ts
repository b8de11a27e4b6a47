import { expect, test } from "@playwright/test";
import { ADMIN_EMAIL, adminApiToken, confirmDialog, database, signIn, signInAsAdmin, unique } from "./helpers";

test("admin creates a viewer, who cannot open Users or call its API", async ({ page, browser, baseURL }) => {
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Users", exact: true }).click();
  const email = `${unique("viewer")}@example.com`;
  // Errors stand beside their fields in plain words, before anything is sent.
  await page.getByLabel("Email").fill("not-an-address");
  await page.getByLabel("Initial password").fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Enter an e-mail address.")).toBeVisible();
  await expect(page.getByText("At least 12 characters.")).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Initial password").fill("viewer-password-123");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText(`Created ${email} as Viewer.`)).toBeVisible();
  await expect(page.getByTestId(`user-row-${email}`)).toContainText("Active");

  const viewer = await browser.newContext({ baseURL });
  const vp = await viewer.newPage();
  await signIn(vp, email, "viewer-password-123");
  await expect(vp.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(vp.getByRole("link", { name: "Users", exact: true })).toHaveCount(0);
  const pageResponse = await vp.goto("/users");
  expect(pageResponse?.status()).toBe(403);
  await expect(vp.getByText("You do not have access to this page")).toBeVisible();
  const apiResponse = await vp.request.get("/api/console/users");
  expect(apiResponse.status()).toBe(403);
  expect(apiResponse.headers()["content-type"]).toContain("application/problem+json");
  const mutation = await vp.request.post("/api/console/users", {
    data: { email: "x@example.com", role: "admin", password: "long-enough-password" },
  });
  expect(mutation.status()).toBe(403);
  await viewer.close();
});

test("a wrong password shows a clear message, the same as an unknown user", async ({ page }) => {
  await signIn(page, ADMIN_EMAIL, "not-the-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await signIn(page, `${unique("nobody")}@example.com`, "whatever-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/login/);
});

test("repeated failures lock the address and say so", async ({ request }) => {
  const email = `${unique("target")}@example.com`;
  const csrf = async () => (await (await request.get("/api/auth/csrf")).json()).csrfToken;
  for (let i = 0; i < 5; i++) {
    const r = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken: await csrf(), email, password: `wrong-${i}`, json: "true" },
    });
    expect((await r.json()).url).toContain("error=CredentialsSignin");
  }
  const locked = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: await csrf(), email, password: "wrong-again", json: "true" },
  });
  expect(decodeURIComponent((await locked.json()).url)).toMatch(/error=locked:\d+/);
});

test("an API token works for an API call and stops working when revoked", async ({ page, playwright, baseURL }) => {
  await signInAsAdmin(page);
  await page.getByRole("link", { name: "Account & API tokens" }).click();
  // Without a name the form says so beside the field and creates nothing.
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Name the token after the script that uses it.")).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  const name = unique("ci-token");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^mgc_pat_/);

  const bare = await playwright.request.newContext({ baseURL });
  const me = await bare.get("/api/console/me", { headers: { authorization: `Bearer ${token}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ email: ADMIN_EMAIL, role: "admin" });
  const users = await bare.get("/api/console/users", { headers: { authorization: `Bearer ${token}` } });
  expect(users.status()).toBe(200);

  await page.getByTestId(`token-${name}`).getByRole("button", { name: "Revoke" }).click();
  await confirmDialog(page, "Revoke token");
  await expect(page.getByTestId(`token-${name}`)).toContainText("Revoked");
  const after = await bare.get("/api/console/me", { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
  expect(
    await bare.get("/api/console/me", { headers: { authorization: "Bearer mgc_pat_forged" } }).then((r) => r.status()),
  ).toBe(401);
  await bare.dispose();
});

test("bad input gets a problem+json 4xx and changes nothing", async ({ request }) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  // Other tests create users on the same console meanwhile: look for these requests' users, not at the count.
  const email = `bad-input-${Date.now()}@example.com`;
  const cases: [string, Parameters<typeof request.post>[1], number][] = [
    [
      "wrong content type",
      { headers: { ...auth, "content-type": "text/plain" }, data: Buffer.from(`email=${email}`) },
      415,
    ],
    [
      "invalid JSON",
      { headers: { ...auth, "content-type": "application/json" }, data: Buffer.from(`{"email": "${email}", not json`) },
      400,
    ],
    ["invalid fields", { headers: auth, data: { email: "nope", role: "root", password: "short" } }, 422],
    ["oversized body", { headers: auth, data: { email, role: "viewer", password: "x".repeat(300_000) } }, 413],
  ];
  for (const [label, options, status] of cases) {
    const res = await request.post("/api/console/users", options);
    expect(res.status(), label).toBe(status);
    const body = await res.json();
    expect(body, label).toMatchObject({
      status,
      request_id: expect.any(String),
      type: expect.stringContaining("/problems/"),
    });
    if (status === 422)
      expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(["email", "password", "role"]);
  }
  const users = (await (await request.get("/api/console/users", { headers: auth })).json()).users as {
    email: string;
  }[];
  expect(users.length).toBeGreaterThan(0);
  expect(users.filter((u) => u.email === email || u.email === "nope")).toEqual([]);
});

test("health reports the database and current migrations", async ({ request }, info) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({
    status: "ok",
    database: database(info) === "postgresql" ? "postgresql" : "embedded",
    migrations: "current",
  });
});
