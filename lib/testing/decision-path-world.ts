import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/server/audit";
import type { UserPrincipal } from "@/lib/server/principal";
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

/** A read and a medium-risk write: what the worlds below give their `github` server. */
export const GITHUB_TOOLS = [
  { name: "get_file_contents", action: "read" as const, risk: "low" as const },
  { name: "create_issue", action: "write" as const, risk: "medium" as const },
];

/** An admin's catalog change creating a remote server at https://<name>-mcp.example.com/mcp; it applies at once. */
export async function catalogServer(
  prisma: PrismaClient,
  admin: { principal: UserPrincipal; actor: Actor },
  environment: "production" | "staging" | "development",
  name: string,
  tools: { name: string; action: "read" | "write" | "admin"; risk: "low" | "medium" | "high" }[],
) {
  const input = createServerSchema.parse({
    environment,
    name,
    transport: "remote_http",
    url: `https://${name}-mcp.example.com/mcp`,
    owner: "platform",
    tools,
  });
  const result = await submitCatalogChange(prisma, admin.principal, admin.actor, createServerOp(input));
  if (!result.applied) throw new Error("expected the admin's change to apply");
  return result.server;
}

/**
 * The whole decision path (token guard and all) on a test database: a production `github`
 * server (one read, one write tool), the seed policy, and agents with their own tokens. The
 * database becomes the process-wide one, since postDecision() reaches it that way; close() undoes that.
 */
export async function decisionPathWorld(db: Database) {
  const holder = globalThis as unknown as { __consoleDb?: Promise<unknown> };
  holder.__consoleDb = Promise.resolve(db);
  const admin = await makeUser(db.prisma, "admin");
  await catalogServer(db.prisma, admin, "production", "github", GITHUB_TOOLS);
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
