// The seed article's world — four servers, its policy, agents — set up through the console's real API.
import { SEED_POLICY_YAML } from "../../lib/policy/seed-table";

export const SEED_SERVERS: {
  name: string;
  tools: { name: string; action: "read" | "write" | "admin"; risk: "low" | "medium" | "high" }[];
}[] = [
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

type Api = (method: string, path: string, body?: unknown, contentType?: string) => Promise<unknown>;

/** Catalogues the seed servers (409 = already there) and publishes the seed policy. */
export async function seedWorld(api: Api, environment = "production"): Promise<void> {
  for (const s of SEED_SERVERS) {
    await api("POST", "/api/console/servers", {
      environment,
      name: s.name,
      transport: "remote_http",
      url: `https://${s.name}-mcp.example.com/mcp`,
      owner: "platform",
      tools: s.tools,
    });
  }
  await api(
    "PUT",
    `/api/console/policies/${environment}?publish=true&message=seed`,
    SEED_POLICY_YAML,
    "application/yaml",
  );
}

export async function createAgent(api: Api, name: string, scopes: string[], environment = "production") {
  return (await api("POST", "/api/console/agents", { name, environment, scopes, owner: "bench" })) as {
    id: string;
    client_id: string;
    client_secret: string;
  };
}
