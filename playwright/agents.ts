import { expect, type APIRequestContext } from "@playwright/test";
import { AgentClient } from "../lib/agent-client";
import { SEED_POLICY_YAML } from "../lib/policy/seed-table";
import { unique } from "./helpers";

const SEED_SERVERS: { name: string; tools: { name: string; action: string; risk: string }[] }[] = [
  {
    name: "github",
    tools: [
      { name: "get_file_contents", action: "read", risk: "low" },
      { name: "create_issue", action: "write", risk: "medium" },
      { name: "delete_repository", action: "write", risk: "high" },
    ],
  },
  {
    name: "jira",
    tools: [
      { name: "search", action: "read", risk: "low" },
      { name: "create_issue", action: "write", risk: "medium" },
    ],
  },
  {
    name: "notion",
    tools: [
      { name: "search", action: "read", risk: "low" },
      { name: "create_page", action: "write", risk: "medium" },
    ],
  },
  { name: "slack", tools: [{ name: "admin_users_remove", action: "admin", risk: "high" }] },
];

/** The seed's four servers in an environment's catalog (idempotent across tests). */
export async function seedCatalog(request: APIRequestContext, adminToken: string, environment = "production") {
  for (const s of SEED_SERVERS) {
    const res = await request.post("/api/console/servers", {
      headers: { authorization: `Bearer ${adminToken}` },
      data: {
        environment,
        name: s.name,
        transport: "remote_http",
        url: `https://${s.name}-mcp.example.com/mcp`,
        owner: "platform",
        tools: s.tools,
      },
    });
    expect([201, 409]).toContain(res.status());
  }
}

export async function publishPolicy(
  request: APIRequestContext,
  adminToken: string,
  source = SEED_POLICY_YAML,
  environment = "production",
) {
  const res = await request.put(
    `/api/console/policies/${environment}?publish=true&message=${encodeURIComponent("e2e")}`,
    {
      headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/yaml" },
      data: Buffer.from(source),
    },
  );
  expect(res.status()).toBe(200);
  return (await res.json()).snapshot as { version: number; hash: string };
}

/** A new agent in the environment and a client that speaks the protocol for it. */
export async function newAgent(
  request: APIRequestContext,
  adminToken: string,
  baseURL: string,
  scopes: string[],
  environment = "production",
) {
  const res = await request.post("/api/console/agents", {
    headers: { authorization: `Bearer ${adminToken}` },
    data: { name: unique("agent"), environment, scopes, owner: "e2e-team" },
  });
  expect(res.status()).toBe(201);
  const agent = await res.json();
  return {
    agent,
    client: new AgentClient({ baseUrl: baseURL, clientId: agent.client_id, clientSecret: agent.client_secret, scopes }),
  };
}
