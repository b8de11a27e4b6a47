import { expect, type Locator, type Page, test } from "@playwright/test";
import { adminApiToken, shot, signInAsAdmin, unique } from "./helpers";

/** Counts the requests a page sends with `method` to a path: an invalid form must send none. */
function sent(page: Page, method: string, pathname: string) {
  let n = 0;
  page.on("request", (r) => {
    if (r.method() === method && new URL(r.url()).pathname === pathname) n++;
  });
  return () => n;
}

/** The error line the Field component shows under the control labelled `label` (the innermost div holding both). */
function errorOf(scope: Locator, label: string) {
  return scope
    .locator("div", { has: scope.page().getByLabel(label, { exact: true }) })
    .last()
    .getByRole("alert");
}

test("approver groups: a bad name is refused beside the field, a taken one comes back from the API", async ({
  page,
}) => {
  await signInAsAdmin(page);
  await page.goto("/approvals/settings");
  const form = page.getByRole("form", { name: "Add an approver group" });
  const posts = sent(page, "POST", "/api/console/approver-groups");
  await form.getByLabel("Group name").fill("Bad Name");
  await form.getByRole("button", { name: "Add group" }).click();
  await expect(errorOf(form, "Group name")).toHaveText("Lower-case letters, digits, . _ - (up to 63), e.g. sre.");
  expect(posts()).toBe(0);

  const name = unique("grp").toLowerCase();
  await form.getByLabel("Group name").fill(name);
  await form.getByLabel("Description").fill("on call");
  await form.getByRole("button", { name: "Add group" }).click();
  await expect(page.getByTestId(`group-${name}`)).toContainText("on call");
  await expect(form.getByLabel("Group name")).toHaveValue("");

  await form.getByLabel("Group name").fill(name);
  await form.getByRole("button", { name: "Add group" }).click();
  await expect(errorOf(form, "Group name")).toHaveText("A group with this name exists.");
  expect(posts()).toBe(2);
  await form.scrollIntoViewIfNeeded();
  await shot(page, "approval-settings-groups-error");
});

test("notification channels: field errors before sending, the SSRF guard's refusal beside the URL", async ({
  page,
  request,
}) => {
  const auth = { authorization: `Bearer ${await adminApiToken(request)}` };
  await signInAsAdmin(page);
  await page.goto("/approvals/settings");
  const form = page.getByRole("form", { name: "Add a notification channel" });
  const posts = sent(page, "POST", "/api/console/notifications/channels");
  await form.getByLabel("Kind").selectOption("webhook");
  await form.getByLabel("Signing secret").fill("short");
  for (const ev of ["approval.requested", "approval.escalated", "approval.expired"])
    await form.getByLabel(ev).uncheck();
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(errorOf(form, "Name")).toHaveText("Enter a name.");
  await expect(errorOf(form, "Signing secret")).toHaveText("At least 16 characters.");
  await expect(form.getByText("Pick at least one event.")).toBeVisible();
  await shot(page, "approval-settings-channel-errors");
  expect(posts()).toBe(0);

  const name = unique("hook");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("URL").fill("http://169.254.169.254/latest");
  await form.getByLabel("Signing secret").fill("a-signing-secret-0123456789");
  await form.getByLabel("approval.requested").check();
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(errorOf(form, "URL")).toBeVisible();
  expect(posts()).toBe(1);

  await form.getByLabel("URL").fill("http://127.0.0.1:3599/hook");
  await form.getByRole("button", { name: "Add channel" }).click();
  await expect(page.getByText(`Added channel ${name}.`)).toBeVisible();
  const { channels } = await (await request.get("/api/console/notifications/channels", { headers: auth })).json();
  const added = channels.find((c: { name: string }) => c.name === name);
  expect(added).toMatchObject({ kind: "webhook", events: ["approval.requested"], signed: true });
  await request.delete(`/api/console/notifications/channels/${added.id}`, { headers: auth });
});

test("SMTP and the Slack app save from their cards' dirty bars; errors stand beside the fields", async ({
  page,
  request,
}) => {
  const auth = { authorization: `Bearer ${await adminApiToken(request)}` };
  await signInAsAdmin(page);
  await page.goto("/approvals/settings");
  const smtp = page.getByTestId("smtp-form");
  const puts = sent(page, "PUT", "/api/console/notifications/smtp");
  await smtp.getByLabel("Host").fill("");
  await smtp.getByLabel("Port").fill("0");
  const bar = smtp.getByTestId("dirty-bar");
  await expect(bar).toContainText("SMTP server");
  await bar.getByRole("button", { name: "Save changes" }).click();
  await expect(errorOf(smtp, "Port")).toHaveText("A port from 1 to 65535.");
  await expect(errorOf(smtp, "Host")).toHaveText("Enter the SMTP server's host name.");
  await smtp.scrollIntoViewIfNeeded();
  await shot(page, "approval-settings-smtp-errors");
  expect(puts()).toBe(0);

  await smtp.getByLabel("Host").fill("127.0.0.1");
  await smtp.getByLabel("Port").fill("2525");
  await smtp.getByLabel("From").fill("approvals@example.com");
  await smtp.getByLabel("Require STARTTLS").check();
  await bar.getByRole("button", { name: "Save changes" }).click();
  await expect(smtp.getByTestId("saved-notice")).toContainText("Saved.");
  await expect(bar).toHaveCount(0);
  await shot(page, "approval-settings-smtp-saved");
  expect(await (await request.get("/api/console/notifications/smtp", { headers: auth })).json()).toMatchObject({
    configured: true,
    host: "127.0.0.1",
    port: 2525,
    starttls: true,
  });

  // The Slack card: a bad line and a bad token are named before sending; a host the API refuses comes back.
  const slack = page.getByTestId("slack-app-form");
  const slackPuts = sent(page, "PUT", "/api/console/notifications/slack");
  await slack.getByLabel("Bot token").fill("not-a-token");
  await slack.getByLabel("Group channels").fill("sre C0456");
  await slack.getByTestId("dirty-bar").getByRole("button", { name: "Save changes" }).click();
  await expect(errorOf(slack, "Bot token")).toHaveText("A bot token starting xoxb-.");
  await expect(errorOf(slack, "Group channels")).toHaveText(
    "Line 1: write it as group = channel id (sre = C0456EFGH).",
  );
  await slack.scrollIntoViewIfNeeded();
  await shot(page, "approval-settings-slack-errors");
  expect(slackPuts()).toBe(0);
  await slack.getByLabel("Bot token").fill("xoxb-e2e-0000-formstoken");
  await slack.getByLabel("Signing secret").fill("e2eSigningSecret0123456789abcdef");
  await slack.getByLabel("Default channel id").fill("C0E2E");
  await slack.getByLabel("Group channels").fill("sre = C0456");
  await slack.getByLabel("Web API base URL").fill("https://example.com/api");
  await slack.getByTestId("dirty-bar").getByRole("button", { name: "Save changes" }).click();
  await expect(errorOf(slack, "Web API base URL")).toBeVisible();
  expect(slackPuts()).toBe(1);
  await slack.getByTestId("dirty-bar").getByRole("button", { name: "Discard" }).click();
  await expect(slack.getByTestId("dirty-bar")).toHaveCount(0);
});

test("the agent, server and issuer forms name what is wrong before sending anything", async ({ page, request }) => {
  const auth = { authorization: `Bearer ${await adminApiToken(request)}` };
  await signInAsAdmin(page);
  await page.goto("/agents");
  const agentPosts = sent(page, "POST", "/api/console/agents");
  await page.getByRole("button", { name: "New agent" }).click();
  let dialog = page.getByRole("dialog");
  await dialog.getByLabel("Scopes").fill("mcp:github:read not-a-scope");
  await dialog.getByRole("button", { name: "Create agent" }).click();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();
  await expect(
    dialog.getByText("“not-a-scope” is not a scope: write mcp:<server|*>:<read|write|admin>."),
  ).toBeVisible();
  await shot(page, "agents-create-errors");
  expect(agentPosts()).toBe(0);
  await page.keyboard.press("Escape");

  await page.goto("/servers?env=staging");
  const serverPosts = sent(page, "POST", "/api/console/servers");
  await page.getByRole("button", { name: "New server" }).click();
  dialog = page.getByRole("dialog");
  await dialog.getByLabel("Name").fill("Bad Name");
  await dialog.getByRole("button", { name: "Save server" }).click();
  await expect(
    dialog.getByText("Lower-case letters, digits, . _ - (the mcp.server label), e.g. github."),
  ).toBeVisible();
  await expect(dialog.getByText("Enter the server's URL.")).toBeVisible();
  expect(serverPosts()).toBe(0);
  // Plain http in staging passes the form and is refused by the API, beside the URL.
  await dialog.getByLabel("Name").fill(unique("plain").toLowerCase());
  await dialog.getByLabel("URL").fill("http://127.0.0.1:9/mcp");
  await dialog.getByRole("button", { name: "Save server" }).click();
  await expect(dialog.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");
  await shot(page, "servers-create-errors");
  expect(serverPosts()).toBe(1);
  await page.keyboard.press("Escape");

  await page.goto("/identity");
  const issuerPosts = sent(page, "POST", "/api/console/trusted-issuers");
  const add = page.getByRole("button", { name: "Add issuer" });
  await page.getByLabel("Algorithms").fill("HS256");
  await add.click();
  await expect(page.getByText("Enter a name.")).toBeVisible();
  await expect(page.getByText("“HS256” is not one of ES256, ES384, RS256, PS256, EdDSA.")).toBeVisible();
  expect(issuerPosts()).toBe(0);
  const name = unique("idp");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Issuer URL (exact iss)").fill(`https://${name}.example.com`);
  await page.getByLabel("Expected audience").fill("mcp-console");
  await page.getByLabel("Algorithms").fill("ES256");
  await add.click();
  await expect(page.getByText("Give a JWKS URI or an introspection URL.")).toBeVisible();
  await shot(page, "identity-issuer-errors");
  expect(issuerPosts()).toBe(0);
  await page.getByLabel("JWKS URI").fill(`https://${name}.example.com/jwks`);
  await add.click();
  await expect(page.getByText(`Now trusting https://${name}.example.com`)).toBeVisible();
  const { issuers } = await (await request.get("/api/console/trusted-issuers", { headers: auth })).json();
  const created = issuers.find((i: { name: string }) => i.name === name);
  expect(created).toMatchObject({ algorithms: ["ES256"], audience: "mcp-console" });
  await request.delete(`/api/console/trusted-issuers/${created.id}`, { headers: auth });
});

test("the sign-in form asks for what is missing without trying to sign in", async ({ page }) => {
  await page.goto("/login");
  const attempts = sent(page, "POST", "/api/auth/callback/credentials");
  await page.getByLabel("Email").fill("admin");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("Enter your e-mail address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await shot(page, "login-errors");
  expect(attempts()).toBe(0);
});
