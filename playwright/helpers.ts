import { expect, test, type APIRequestContext, type Page, type TestInfo } from "@playwright/test";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "../playwright.config";

export { ADMIN_EMAIL, ADMIN_PASSWORD };

export function unique(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in and waits until the console has loaded. */
export async function signInOk(page: Page, email: string, password: string) {
  await signIn(page, email, password);
  // Approvers land on their queue; everyone else on the Overview.
  await expect(page.getByRole("heading", { name: /^(?:Overview|Approvals)$/ })).toBeVisible();
}

export async function signInAsAdmin(page: Page) {
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
}

/** Signs in through next-auth's credentials endpoint and returns a request context carrying the session cookie. */
export async function apiSignIn(request: APIRequestContext, email: string, password: string) {
  const csrf = await (await request.get("/api/auth/csrf")).json();
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, email, password, json: "true" },
  });
  expect(res.status()).toBeLessThan(400);
}

/** Creates a personal API token for the admin, for API-driven set-up in tests. */
export async function adminApiToken(request: APIRequestContext): Promise<string> {
  await apiSignIn(request, ADMIN_EMAIL, ADMIN_PASSWORD);
  const res = await request.post("/api/console/api-tokens", { data: { name: unique("e2e") } });
  expect(res.status()).toBe(201);
  return (await res.json()).token;
}

export function database(info: TestInfo): string {
  return String(info.project.metadata.database);
}

/** Answers the console's confirmation dialog (components/ui/confirm.tsx) with the given button. */
/** The reason dialog every revoke, suspend and kill-switch change opens: type the reason, confirm. */
export async function confirmWithReason(page: Page, reason: string, confirm: RegExp | string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(/Reason/).fill(reason);
  await dialog.getByRole("button", { name: confirm }).click();
  await expect(dialog).toBeHidden();
}

export async function confirmDialog(page: Page, button: string | RegExp) {
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: button }).click();
  await expect(dialog).toBeHidden();
}

/**
 * Screenshots at 1440 and 390 px into SHOTS_DIR (or the test's output), full page, with motion
 * reduced (a notice caught mid-fade is not what a person sees); the viewport returns to 1280 px.
 */
export async function shot(page: Page, name: string) {
  const dir = process.env.SHOTS_DIR;
  await page.emulateMedia({ reducedMotion: "reduce" });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({
      path: dir ? path.join(dir, `${name}-${width}.png`) : test.info().outputPath(`${name}-${width}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
