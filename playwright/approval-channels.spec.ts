import { type APIRequestContext, expect, request as newRequest, test } from "@playwright/test";
import { createHash } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { blockAction, signedSlackRequest, startSlackStandIn } from "../lib/testing/slack-standin";
import { createPerson, heldWriteWorld } from "./held-write-world";
import { ADMIN_EMAIL, ADMIN_PASSWORD, shot, signIn, unique } from "./helpers";

const PASSWORD = "channels-password-1";
const SIGNING_SECRET = "e2eSigningSecret0123456789abcdef";
const BOT_TOKEN = "xoxb-e2e-0000-standintoken";

async function approver(request: APIRequestContext, token: string) {
  return (await createPerson(request, token, "approver", PASSWORD, "channels-approver")).email;
}

async function approvalStatus(request: APIRequestContext, token: string, id: string) {
  const res = await request.get(`/api/console/approvals/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return (await res.json()).status as string;
}

/** Sends a form to the console as Slack would, signed with the app's signing secret. */
async function fromSlack(request: APIRequestContext, baseURL: string, form: Record<string, string>) {
  const signed = signedSlackRequest(`${baseURL}/api/slack/interactions`, SIGNING_SECRET, form);
  return request.post("/api/slack/interactions", {
    headers: Object.fromEntries(signed.headers),
    data: await signed.text(),
  });
}

test("an approver links Slack from the account page, and a click in Slack approves as them", async ({
  page,
  request,
  baseURL,
}) => {
  const world = await heldWriteWorld(request, baseURL!);
  const { token } = world;
  const slack = await startSlackStandIn(
    BOT_TOKEN,
    Number(process.env.E2E_PORT_BASE ?? 3101) + 70 + test.info().parallelIndex,
  );
  try {
    const saved = await request.put("/api/console/notifications/slack", {
      headers: { authorization: `Bearer ${token}` },
      data: {
        botToken: BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        apiBaseUrl: slack.apiBaseUrl,
        defaultChannel: "C0E2E",
      },
    });
    expect(saved.status()).toBe(200);
    expect(JSON.stringify(await saved.json())).not.toContain(BOT_TOKEN);
    const email = await approver(request, token);
    const slackUser = `U${Date.now().toString(36).toUpperCase()}`;

    await signIn(page, email, PASSWORD);
    await expect(page.getByRole("heading", { name: "Approvals" })).toBeVisible();
    await page.goto("/account");
    await expect(page.getByText("not linked")).toBeVisible();
    await page.getByRole("button", { name: "Link Slack" }).click();
    const command = (await page.getByTestId("slack-code").locator("code").textContent())!;
    expect(command).toMatch(/^\/approvals link [A-Z2-9]{5}-[A-Z2-9]{5}$/);
    await shot(page, "account-slack-code");
    const linked = await fromSlack(request, baseURL!, {
      command: "/approvals",
      text: command.replace("/approvals ", ""),
      user_id: slackUser,
      team_id: "T0TEAM",
    });
    expect((await linked.json()).text).toContain(email);
    await page.reload();
    await expect(page.getByTestId("slack-linked")).toContainText(slackUser);
    await shot(page, "account-slack-linked");

    const held = await world.hold({ title: unique("t") });
    expect(held.decision).toBe("REQUIRE_APPROVAL");
    const id = held.approval!.id;
    // The console's background job posts the request to Slack (here: the stand-in).
    await expect
      .poll(() => slack.calls.some((c) => c.method === "chat.postMessage" && JSON.stringify(c.body).includes(id)))
      .toBe(true);
    const forged = await request.post("/api/slack/interactions", {
      headers: { "x-slack-request-timestamp": String(Math.floor(Date.now() / 1000)), "x-slack-signature": "v0=00" },
      form: blockAction(slackUser, "approval.approve", id),
    });
    expect(forged.status()).toBe(401);
    expect(await approvalStatus(request, token, id)).toBe("PENDING");
    expect((await fromSlack(request, baseURL!, blockAction(slackUser, "approval.approve", id))).status()).toBe(200);
    expect(await approvalStatus(request, token, id)).toBe("APPROVED");
    await expect
      .poll(() =>
        slack.calls.some((c) => c.method === "chat.update" && JSON.stringify(c.body).includes(`Approved by ${email}`)),
      )
      .toBe(true);

    // The admin's side: the Slack app card in approval settings shows no secret.
    await page.context().clearCookies();
    await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
    await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
    await page.goto("/approvals/settings");
    await expect(page.getByTestId("slack-app-form")).toBeVisible();
    await expect(page.getByLabel("Default channel id")).toHaveValue("C0E2E");
    expect(await page.content()).not.toContain(BOT_TOKEN);
    await shot(page, "approval-settings-slack");
  } finally {
    await slack.close();
  }
});

test("an e-mail link opens a confirmation page: opening it decides nothing, confirming decides once", async ({
  page,
  request,
  baseURL,
}) => {
  const world = await heldWriteWorld(request, baseURL!);
  const { token } = world;
  const mails: { to: string; text: string }[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, cb) {
      let d = "";
      stream.on("data", (c) => (d += c));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo[0].address, text: d.replace(/=\r?\n/g, "").replace(/=3D/g, "=") });
        cb();
      });
    },
  });
  const port = Number(process.env.E2E_PORT_BASE ?? 3101) + 60 + test.info().parallelIndex;
  await new Promise<void>((r) => smtp.listen(port, "127.0.0.1", r));
  const smtpSettings = { host: "127.0.0.1", port: (smtp.server.address() as AddressInfo).port, from: "c@example.com" };
  try {
    const put = (approverLinks: boolean) =>
      request.put("/api/console/notifications/smtp", {
        headers: { authorization: `Bearer ${token}` },
        data: { ...smtpSettings, secure: false, approverLinks },
      });
    expect((await put(true)).status()).toBe(200);
    const email = await approver(request, token);
    const held = await world.hold({ title: unique("mail") });
    const id = held.approval!.id;
    await expect.poll(() => mails.some((m) => m.to === email && m.text.includes(id)), { timeout: 30_000 }).toBe(true);
    const mail = mails.find((m) => m.to === email && m.text.includes(id))!;
    const approveLink = /Approve: (\S+)/.exec(mail.text)![1];
    expect(approveLink).toMatch(/\/approvals\/confirm\?t=mgc_link_/);

    // A mail scanner following the link (no session): sent to sign in, nothing decided.
    const scanner = await newRequest.newContext();
    const scanned = await scanner.get(approveLink, { maxRedirects: 0 });
    expect([302, 303, 307]).toContain(scanned.status());
    expect(scanned.headers().location).toContain("/login?callbackUrl=");
    expect((await scanner.get(approveLink)).status()).toBe(200);
    await scanner.dispose();
    expect(await approvalStatus(request, token, id)).toBe("PENDING");

    // The person: the link, a short sign-in, back to the confirmation page.
    await page.goto(approveLink);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Approve this request?" })).toBeVisible();
    await expect(page.getByText("github · create_issue").first()).toBeVisible();
    await page.reload();
    expect(await approvalStatus(request, token, id)).toBe("PENDING");
    await shot(page, "email-confirm");
    await page.getByRole("button", { name: "Confirm approval" }).click();
    await expect(page.getByTestId("confirm-done")).toContainText("the request is now approved");
    expect(await approvalStatus(request, token, id)).toBe("APPROVED");
    await page.goto(approveLink);
    await expect(page.getByTestId("link-state")).toHaveAttribute("data-state", "used");
    await shot(page, "email-confirm-used");

    // A deny link asks for the reason beside the field, sends nothing without one, then denies once.
    const second = (await world.hold({ title: unique("mail-deny") })).approval!.id;
    await expect
      .poll(() => mails.some((m) => m.to === email && m.text.includes(second)), { timeout: 30_000 })
      .toBe(true);
    const denyMail = mails.find((m) => m.to === email && m.text.includes(second))!;
    const denyLink = /Deny \(a reason is asked\): (\S+)/.exec(denyMail.text)![1];
    await page.goto(denyLink);
    await expect(page.getByRole("heading", { name: "Deny this request?" })).toBeVisible();
    let confirms = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && r.url().endsWith("/api/console/approval-links/confirm")) confirms++;
    });
    await page.getByRole("button", { name: "Confirm denial" }).click();
    await expect(page.getByText("A reason is required to deny.")).toBeVisible();
    await expect(page.getByLabel("Reason (required)")).toHaveAttribute("aria-invalid", "true");
    await shot(page, "email-confirm-deny-error");
    expect(confirms).toBe(0);
    expect(await approvalStatus(request, token, second)).toBe("PENDING");
    await page.getByLabel("Reason (required)").fill("not during the freeze");
    await page.getByRole("button", { name: "Confirm denial" }).click();
    await expect(page.getByTestId("confirm-done")).toContainText("the request is now denied");
    expect(await approvalStatus(request, token, second)).toBe("DENIED");
    expect((await put(false)).status()).toBe(200);
  } finally {
    smtp.close();
  }
});

test("an assistant signs its person in with OAuth and PKCE, then approves as them", async ({
  page,
  request,
  baseURL,
}) => {
  const world = await heldWriteWorld(request, baseURL!);
  const email = await approver(request, world.token);
  const redirect = "http://127.0.0.1:33418/callback";
  const reg = await request.post("/api/oauth/register", {
    data: { client_name: "Desk assistant", redirect_uris: [redirect] },
  });
  expect(reg.status()).toBe(201);
  const clientId = (await reg.json()).client_id as string;
  const verifier = "e2e-verifier-".padEnd(64, "x");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const ask = new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: redirect,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "s-123",
    resource: `${baseURL}/mcp/approvals`,
  });
  // The client's loopback listener: the browser lands there with the code.
  await page.route(`${redirect}**`, (route) => route.fulfill({ status: 200, body: "You can close this window." }));

  await page.goto(`/oauth/authorize?${ask}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Connect your assistant" })).toBeVisible();
  await expect(page.getByText("Let “Desk assistant” answer approvals as you?")).toBeVisible();
  await shot(page, "assistant-consent");
  await page.getByRole("button", { name: "Allow" }).click();
  await page.waitForURL(/127\.0\.0\.1:33418\/callback/);
  const back = new URL(page.url());
  expect(back.searchParams.get("state")).toBe("s-123");

  const exchanged = await request.post("/api/oauth/token", {
    form: {
      grant_type: "authorization_code",
      code: back.searchParams.get("code")!,
      code_verifier: verifier,
      client_id: clientId,
      redirect_uri: redirect,
      resource: `${baseURL}/mcp/approvals`,
    },
  });
  expect(exchanged.status()).toBe(200);
  const access = (await exchanged.json()).access_token as string;
  const held = await world.hold({ title: unique("assistant") });
  const id = held.approval!.id;
  const rpc = await request.post("/mcp/approvals", {
    headers: { authorization: `Bearer ${access}`, accept: "application/json, text/event-stream" },
    data: { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "approve", arguments: { id } } },
  });
  expect(rpc.status()).toBe(200);
  expect((await rpc.json()).result.isError).toBeFalsy();
  expect(await approvalStatus(request, world.token, id)).toBe("APPROVED");
  // The token is for /mcp/approvals only.
  const elsewhere = await request.get("/api/console/me", { headers: { authorization: `Bearer ${access}` } });
  expect(elsewhere.status()).toBe(401);

  await page.goto(`/oauth/authorize?response_type=code&client_id=${clientId}&redirect_uri=https://evil.example/cb`);
  await expect(page.getByTestId("authorize-error")).toContainText("code_challenge");
  await shot(page, "assistant-consent-error");
});
