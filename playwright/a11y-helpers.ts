import AxeBuilder from "@axe-core/playwright";
import { expect, request as playwrightRequest, type APIRequestContext, type Page } from "@playwright/test";
import { ROLES, type Role } from "../lib/auth/permissions";
import { signInOk, unique } from "./helpers";

/** WCAG 2.0 and 2.1, levels A and AA: what issue 28 asks the console to meet. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

export const ROLE_PASSWORD = "a11y-password-0001";

/** Runs axe on the page as it is now; returns one line per serious or critical violation. */
export async function axeFailures(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) =>
      v.nodes.map((n) => `${where}: ${v.id} (${v.impact}) at ${n.target.join(" ")} — ${n.failureSummary ?? ""}`),
    );
}

/** Opens a page and waits until its heading shows and its first data has arrived. */
export async function visit(page: Page, href: string) {
  const res = await page.goto(href);
  expect(res?.status(), `${href} answers`).toBeLessThan(400);
  await expect(page.locator("main h1").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Loading placeholders give way to data or to an empty state.
  await expect(page.getByText(/^Loading/)).toHaveCount(0);
}

/** One console user per role (the admin is the seeded one); returns their emails. */
export async function usersForEveryRole(request: APIRequestContext, adminToken: string) {
  const emails: Partial<Record<Role, string>> = {};
  for (const role of ROLES) {
    if (role === "admin") continue;
    const email = `${unique(`a11y-${role}`)}@example.com`;
    const res = await request.post("/api/console/users", {
      headers: { authorization: `Bearer ${adminToken}` },
      data: { email, role, password: ROLE_PASSWORD },
    });
    expect(res.status()).toBe(201);
    emails[role] = email;
  }
  return emails as Record<Exclude<Role, "admin">, string>;
}

/** A fresh browser page signed in as the given user. */
export async function signedInPage(
  browser: import("@playwright/test").Browser,
  baseURL: string,
  email: string,
  password: string,
) {
  // Without transitions axe reads settled colours, not ones halfway through a hover or enable.
  const context = await browser.newContext({ baseURL, reducedMotion: "reduce" });
  const page = await context.newPage();
  await signInOk(page, email, password);
  return { page, close: () => context.close() };
}

export { playwrightRequest };
