import { randomUUID } from "node:crypto";
import http from "node:http";
import type { GatewayOptions } from "@/lib/server/gateway/http-entry";
import { freePort } from "./server-everything";
import { openTestDb, type DbKind } from "./test-db";

/**
 * The gateway on a real HTTP server and a migrated database, with catalogued upstreams whose
 * tools are all reads and a policy allowing reads. Call `prepareGatewayEnv()` before anything
 * imports lib/env (it fixes PUBLIC_URL, the SSRF allowance and the encryption key), then
 * `startGatewayWorld`.
 */
export async function prepareGatewayEnv(): Promise<{ port: number; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  process.env.PUBLIC_URL = base;
  process.env.SSRF_ALLOW_HOSTS = "127.0.0.1";
  process.env.ENCRYPTION_KEY = "gateway-test-encryption-key-0123456789";
  return { port, base };
}

const POLICY = `version: v1
rules:
  - id: allow-reads
    match: { labels: { mcp.action: read } }
    decision: ALLOW
`;

export interface GatewayWorld {
  base: string;
  gateway: Awaited<ReturnType<typeof import("@/lib/server/gateway/http-entry").createGateway>>;
  prisma: Awaited<ReturnType<typeof openTestDb>>["prisma"];
  /** The database itself (tests that make it the process-wide one, for code that reaches it through getDb). */
  db: Awaited<ReturnType<typeof openTestDb>>;
  /** A new agent of development with read scopes on the given servers, and a token for it. */
  agent: (servers: string[]) => Promise<{ clientId: string; agentId: string; token: string }>;
  stop: () => Promise<void>;
}

export async function startGatewayWorld(
  at: { port: number; base: string },
  kind: DbKind,
  upstreams: { name: string; url: string; tools: string[] }[],
  options: Omit<GatewayOptions, "prisma"> = {},
  /** Adds an Authorization header to requests that carry none (a client that cannot set headers). */
  defaultToken?: () => string | undefined,
): Promise<GatewayWorld> {
  const { createGateway } = await import("@/lib/server/gateway/http-entry");
  const { issueAccessToken } = await import("@/lib/server/identity/issue-token");
  const { writeSnapshot } = await import("@/lib/server/policies/policy-store");
  const { invalidatePolicyCache } = await import("@/lib/server/policies/current-policy");
  const db = await openTestDb(kind);
  invalidatePolicyCache("development");
  for (const u of upstreams) {
    await db.prisma.server.create({
      data: {
        environment: "development",
        name: u.name,
        transport: "remote_http",
        url: u.url,
        tools: { create: u.tools.map((name) => ({ name, action: "read", risk: "low" })) },
      },
    });
  }
  const actor = { type: "system" as const, id: null, label: "test" };
  await db.prisma.$transaction((tx) =>
    writeSnapshot(tx, actor, "development", { source: POLICY, message: "gateway world" }),
  );
  const gateway = createGateway({ prisma: async () => db.prisma, approvalWaitSec: 0, ...options });
  const server = http.createServer((req, res) => {
    const token = defaultToken?.();
    if (token && !req.headers.authorization) {
      req.headers.authorization = `Bearer ${token}`;
      req.rawHeaders.push("Authorization", `Bearer ${token}`);
    }
    void gateway.handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(at.port, "127.0.0.1", resolve));
  return {
    base: at.base,
    gateway,
    prisma: db.prisma,
    db,
    async agent(servers) {
      const scopes = servers.map((s) => `mcp:${s}:read`);
      const agent = await db.prisma.agent.create({
        data: {
          clientId: `agt_${randomUUID().slice(0, 8)}`,
          name: randomUUID(),
          environment: "development",
          owner: "team-a",
          scopes,
          secretHash: "x",
        },
      });
      const token = await issueAccessToken(db.prisma, agent, { scopes });
      return { clientId: agent.clientId, agentId: agent.id, token: token.access_token };
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await gateway.close();
      await db.dispose();
    },
  };
}

/** A bare MCP initialize POSTed with the agent's bearer token, as a client opening a session would send it. */
export function postInitialize(url: string, token: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "x", version: "1" } },
    }),
  });
}
