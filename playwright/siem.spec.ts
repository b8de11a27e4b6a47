import { expect, type Page, test } from "@playwright/test";
import { adminApiToken, signInAsAdmin, signInOk, unique } from "./helpers";

// SIEM destinations (docs/siem-export.md#destinations): the admin's form and the auditor's read-only view.

/** Counts the writes the page sends to the destinations API. */
function countWrites(page: Page) {
  const writes: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/console/siem-destinations") && r.method() !== "GET") writes.push(r.method());
  });
  return writes;
}

test("an admin's invalid destination is refused beside its fields, a valid one is added", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/settings/siem");
  const writes = countWrites(page);
  await page.getByRole("button", { name: "Add destination" }).click();
  const form = page.locator("form").filter({ has: page.getByLabel("Transport") });

  // Nothing typed but a plain-HTTP URL: both fields say what is wrong, nothing is sent.
  await form.getByLabel("URL").fill("http://siem.example.com/ingest");
  await form.getByRole("button", { name: "Add destination" }).click();
  await expect(form.getByLabel("Name")).toHaveAccessibleDescription(/Use letters, digits/);
  await expect(form.getByLabel("URL")).toHaveAccessibleDescription("Enter an https:// URL.");
  await expect(form.getByLabel("Name")).toBeFocused();
  expect(writes).toEqual([]);

  // The server's refusal (the SSRF guard) lands beside the URL too.
  const name = unique("siem");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("URL").fill("https://10.1.2.3/ingest");
  await form.getByRole("button", { name: "Add destination" }).click();
  await expect(form.getByLabel("URL")).toHaveAccessibleDescription(/.+/);
  await expect(form.getByLabel("URL")).toHaveAttribute("aria-invalid", "true");
  expect(writes).toEqual(["POST"]);

  // Syslog: a port out of range is refused in plain words.
  await form.getByLabel("Transport").selectOption("syslog");
  await form.getByLabel("Host").fill("127.0.0.1");
  await form.getByLabel("Port", { exact: true }).fill("70000");
  await form.getByRole("button", { name: "Add destination" }).click();
  await expect(form.getByLabel("Port", { exact: true })).toHaveAccessibleDescription(
    "Enter a port number from 1 to 65535.",
  );
  expect(writes).toEqual(["POST"]);

  await form.getByLabel("Port", { exact: true }).fill("6514");
  await form.getByRole("checkbox", { name: "Enabled" }).uncheck();
  await form.getByRole("button", { name: "Add destination" }).click();
  await expect(form).toBeHidden();
  expect(writes).toEqual(["POST", "POST"]);
  await expect(page.getByRole("heading", { name: new RegExp(`^${name} Syslog`) })).toBeVisible();
  await expect(page.getByText("127.0.0.1:6514 (TLS)")).toBeVisible();

  // Edit keeps what was stored.
  await page.getByRole("button", { name: "Edit" }).first().click();
  await expect(page.getByLabel("Transport")).toHaveValue("syslog");
  await expect(page.getByLabel("Port", { exact: true })).toHaveValue("6514");
  await page.getByRole("button", { name: "Cancel" }).click();
});

test("an auditor sees SIEM destinations and their status, without any control to change them", async ({
  page,
  request,
}) => {
  const token = await adminApiToken(request);
  const name = unique("siem-ro");
  const created = await request.post("/api/console/siem-destinations", {
    headers: { authorization: `Bearer ${token}` },
    data: { kind: "https", name, url: "https://127.0.0.1:8443/ingest", enabled: false },
  });
  expect(created.status()).toBe(201);
  const email = `${unique("auditor")}@example.com`;
  const user = await request.post("/api/console/users", {
    headers: { authorization: `Bearer ${token}` },
    data: { email, role: "auditor", password: "auditor-password-1" },
  });
  expect(user.status()).toBe(201);

  await signInOk(page, email, "auditor-password-1");
  await page.goto("/settings/siem");
  await expect(page.getByRole("heading", { name: "SIEM export" })).toBeVisible();
  await expect(page.getByRole("heading", { name: new RegExp(`^${name} HTTPS`) })).toBeVisible();
  await expect(page.getByText("https://127.0.0.1:8443/ingest")).toBeVisible();
  for (const control of ["Add destination", "Edit", "Remove", "Send test event"])
    await expect(page.getByRole("button", { name: control })).toHaveCount(0);
  await expect(page.locator("main form")).toHaveCount(0);
  await expect(page.getByText(/Read only: admins add, change, test and remove destinations/)).toBeVisible();

  // The handler agrees: an auditor's write is refused.
  const refused = await page.request.post("/api/console/siem-destinations", {
    data: { kind: "https", name: unique("nope"), url: "https://127.0.0.1:8443/x" },
  });
  expect(refused.status()).toBe(403);
});
