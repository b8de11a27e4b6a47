import { expect, test } from "@playwright/test";
import { adminApiToken, confirmDialog, signInAsAdmin, unique } from "./helpers";

test("a server's requires_receipt flag is shown, toggled with a confirmation, and read by the readiness line", async ({
  page,
  request,
}) => {
  const token = await adminApiToken(request);
  const auth = { authorization: `Bearer ${token}` };
  const name = unique("ledger");
  const created = await request.post("/api/console/servers", {
    headers: auth,
    data: { environment: "development", name, transport: "remote_http", url: `https://${name}.example.com/mcp` },
  });
  expect(created.status()).toBe(201);
  expect((await created.json()).requires_receipt).toBe(false);
  const bad = await request.patch(`/api/console/servers/${(await created.json()).id}`, {
    headers: auth,
    data: { requires_receipt: "yes" },
  });
  expect(bad.status()).toBe(422);

  await signInAsAdmin(page);
  await page.goto("/servers?env=development");
  const card = page.locator("section").filter({ has: page.getByTestId(`server-${name}`) });
  await expect(card.getByText("no receipt check")).toBeVisible();
  await card.getByRole("button", { name: "Require receipts" }).click();
  await confirmDialog(page, "Require receipts");
  await expect(page.getByText(`${name} now requires receipts.`)).toBeVisible();
  await expect(card.getByText("verifies receipts")).toBeVisible();
  await expect(card.getByRole("button", { name: "Receipts required" })).toHaveAttribute("aria-pressed", "true");

  const readiness = await request.get("/api/v1/readiness?environment=development", { headers: auth });
  expect(readiness.status()).toBe(200);
  const line = (await readiness.json()).checks.find((c: { id: string }) => c.id === "receipts");
  expect(line.details).toContainEqual(expect.objectContaining({ server: name, requires_receipt: true }));
});
