import type { Database } from "@/lib/server/db";
import type { AgentPrincipal } from "@/lib/server/identity/token-guard";
import { decide } from "@/lib/server/enforcement/decide";
import { decisionReply } from "@/lib/server/enforcement/decision-http";
import { invalidatePolicyCache } from "@/lib/server/policies/current-policy";
import { writeSnapshot } from "@/lib/server/policies/policy-store";
import { productionAgentPrincipal } from "./principals";

export const WORLD_TOOLS: Record<string, [string, "read" | "write" | "admin", "low" | "medium" | "high"][]> = {
  github: [
    ["get_file_contents", "read", "low"],
    ["create_issue", "write", "medium"],
    ["delete_repository", "write", "high"],
  ],
  jira: [["create_issue", "write", "medium"]],
  notion: [
    ["search", "read", "low"],
    ["create_page", "write", "medium"],
  ],
  slack: [["admin_users_remove", "admin", "high"]],
};

/** A production catalog, one agent and a published policy in a test database; `call` decides as that agent. */
export async function enforcementWorld(
  db: Database,
  policy: string,
  clientId = `agt_${Math.random().toString(36).slice(2)}`,
) {
  invalidatePolicyCache("production");
  const row = await db.prisma.agent.create({
    data: {
      clientId,
      name: "test agent",
      environment: "production",
      owner: "team-a",
      scopes: ["mcp:*:read", "mcp:*:write", "mcp:*:admin"],
      secretHash: "x",
    },
  });
  const agent: AgentPrincipal = productionAgentPrincipal(row);
  if ((await db.prisma.server.count({ where: { environment: "production" } })) === 0) {
    for (const [name, tools] of Object.entries(WORLD_TOOLS)) {
      await db.prisma.server.create({
        data: {
          environment: "production",
          name,
          transport: "remote_http",
          url: `https://${name}.example.com/mcp`,
          tools: { create: tools.map(([n, action, risk]) => ({ name: n, action, risk })) },
        },
      });
    }
  }
  await publish(db, policy);
  const call = async (body: {
    server: string;
    tool: string;
    arguments?: Record<string, unknown>;
    approval_id?: string;
    idempotency_key?: string;
  }) => {
    const res = decisionReply(
      await decide(db.prisma, agent, { arguments: {}, ...body }, { started: performance.now() }),
      "test",
    );
    // Through JSON, as an agent would read it.
    return { status: res.status, body: JSON.parse(JSON.stringify(res.body)) };
  };
  return { agent, call };
}

export async function publish(db: Database, policy: string) {
  await db.prisma.$transaction((tx) =>
    writeSnapshot(tx, { type: "system", id: null, label: "test" }, "production", { source: policy, message: "test" }),
  );
  invalidatePolicyCache("production");
}
