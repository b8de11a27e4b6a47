import { expect, test } from "@playwright/test";
import { adminApiToken, unique } from "./helpers";

async function ssoSignIn(page: import("@playwright/test").Page, email: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: /sign-in/i }).click();
  const consent = page.getByRole("button", { name: /continue/i });
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
}

test("a person with a console account signs in through the OIDC provider with their role", async ({
  page,
  request,
}) => {
  const token = await adminApiToken(request);
  const email = `${unique("sso")}@example.com`;
  expect(
    (
      await request.post("/api/console/users", {
        headers: { authorization: `Bearer ${token}` },
        data: { email, role: "auditor", password: "sso-user-password-1" },
      })
    ).status(),
  ).toBe(201);
  await ssoSignIn(page, email);
  await page.waitForURL((u) => !u.pathname.startsWith("/api/auth"), { timeout: 15_000 });
  expect(page.url(), "signed in, not sent back to the sign-in page").not.toContain("/login");
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByText("Auditor", { exact: true })).toBeVisible();
  const me = await (await page.request.get("/api/console/me")).json();
  expect(me).toMatchObject({ email, role: "auditor" });
});

test("an approver signing in through the OIDC provider lands on the approval queue", async ({ page, request }) => {
  const token = await adminApiToken(request);
  const email = `${unique("sso-approver")}@example.com`;
  expect(
    (
      await request.post("/api/console/users", {
        headers: { authorization: `Bearer ${token}` },
        data: { email, role: "approver", password: "sso-user-password-1" },
      })
    ).status(),
  ).toBe(201);
  await ssoSignIn(page, email);
  await page.waitForURL((u) => u.pathname === "/approvals", { timeout: 15_000 });
  await expect(page.getByRole("heading", { name: "Approvals" })).toBeVisible();
});

test("a person without a console account is refused with a clear message", async ({ page }) => {
  await ssoSignIn(page, `${unique("stranger")}@example.com`);
  await expect(page.locator("form").getByRole("alert")).toContainText("no active console account");
  expect((await page.request.get("/api/console/me")).status()).toBe(401);
});
