import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { newAgent, publishPolicy, seedCatalog } from "./agents";
import { adminApiToken, signIn, unique } from "./helpers";

const ALL_SCOPES = ["mcp:*:read", "mcp:*:write", "mcp:*:admin"];

/** A person signing in to the console: the email and password of a user the spec created. */
export interface Person {
  email: string;
  password: string;
}

/** A new user of the role through the console API (201), its email made from `prefix` (the role unless given). */
export async function createPerson(
  request: APIRequestContext,
  adminToken: string,
  role: string,
  password: string,
  prefix = role,
): Promise<Person> {
  const email = `${unique(prefix)}@example.com`;
  const created = await request.post("/api/console/users", {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { email, role, password },
  });
  expect(created.status()).toBe(201);
  return { email, password };
}

/** Signs the person in through the login page and waits for the approval queue, where approvers land. */
export async function signInToQueue(page: Page, person: Person) {
  await signIn(page, person.email, person.password);
  await expect(page.getByRole("heading", { name: "Approvals" })).toBeVisible();
}

/**
 * What a spec about held writes starts from: the admin's API token, the seed catalog and policy
 * in production (unless `seeded` is false: an earlier serial test did it), and a new agent with
 * its protocol client. `hold` sends a write the seed policy holds for approval (github's
 * create_issue unless told otherwise) and returns the answer for the spec to judge; `person`
 * creates a user of a role.
 */
export async function heldWriteWorld(
  request: APIRequestContext,
  baseURL: string,
  opts: { scopes?: string[]; seeded?: boolean } = {},
) {
  const token = await adminApiToken(request);
  if (opts.seeded !== false) {
    await seedCatalog(request, token);
    await publishPolicy(request, token);
  }
  const { agent, client } = await newAgent(request, token, baseURL, opts.scopes ?? ALL_SCOPES);
  return {
    token,
    agent,
    client,
    hold: (args: Record<string, unknown>, call: { server?: string; tool?: string } = {}) =>
      client.decide({ server: call.server ?? "github", tool: call.tool ?? "create_issue", arguments: args }),
    person: (role: string, password: string, prefix?: string) => createPerson(request, token, role, password, prefix),
  };
}
