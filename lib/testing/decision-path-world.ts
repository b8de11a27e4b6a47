import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import { createServerSchema } from "@/lib/schemas/catalog";
import { createAgent } from "@/lib/server/agents";
import { createServerOp } from "@/lib/server/catalog/servers";
import { submitCatalogChange } from "@/lib/server/catalog/submit-change";
import type { Database } from "@/lib/server/db";
import { DECISIONS_PATH, postDecision } from "@/lib/server/enforcement/decision-http";
import { issueAccessToken } from "@/lib/server/identity/issue-token";
import { resourceUrlFor } from "@/lib/server/identity/metadata";
import { publishPolicy } from "@/lib/server/policies/publish";
import { makeUser } from "./principals";

/**
 * The whole decision path (token guard and all) on a test database: a production `github`
 * server (one read, one write tool), the seed policy, and agents with their own tokens. The
 * database becomes the process-wide one, since postDecision() reaches it that way; close() undoes that.
 */
export async function decisionPathWorld(db: Database) {
  const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };
  holder.__consoleDb = Promise.resolve(db);
  const admin = await makeUser(db.prisma, "admin");
  const input = createServerSchema.parse({
    environment: "production",
    name: "github",
    transport: "remote_http",
    url: "https://github-mcp.example.com/mcp",
    owner: "platform",
    tools: [
      { name: "get_file_contents", action: "read", risk: "low" },
      { name: "create_issue", action: "write", risk: "medium" },
    ],
  });
  await submitCatalogChange(db.prisma, admin.principal, admin.actor, createServerOp(input));
  await publishPolicy(db.prisma, admin.principal, admin.actor, "production", {
    source: SEED_POLICY_YAML,
    message: "seed",
  });

  const newAgent = () =>
    createAgent(
      db.prisma,
      admin.actor,
      {
        name: `bot-${crypto.randomUUID().slice(0, 8)}`,
        environment: "production",
        scopes: ["mcp:github:read", "mcp:github:write"],
        owner: "team-a",
        description: "",
      },
      null,
    );

  const tokenFor = async (agentId: string, scopes = ["mcp:github:read", "mcp:github:write"]) => {
    const row = await db.prisma.agent.findUniqueOrThrow({ where: { id: agentId } });
    return issueAccessToken(db.prisma, row, { scopes, resource: resourceUrlFor(DECISIONS_PATH) });
  };

  const call = async (token: string, tool = "get_file_contents") => {
    const res = await postDecision(
      new Request(`http://console.test${DECISIONS_PATH}`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ server: "github", tool, arguments: {} }),
      }),
    );
    return { status: res.status, body: (await res.json()) as { decision?: string; reason?: string; detail?: string } };
  };

  return {
    admin,
    newAgent,
    tokenFor,
    call,
    close: () => {
      holder.__consoleDb = undefined;
    },
  };
}
