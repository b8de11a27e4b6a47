import { randomUUID } from "node:crypto";
import http from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { CreateMessageRequestSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect } from "vitest";
import { z } from "zod";
import { prepareGatewayEnv } from "./gateway-world";
import { startMcpUpstream, type McpUpstream } from "./mcp-upstream";
import { startServerEverything } from "./server-everything";
import { openTestDb, testDbKinds, type DbKind } from "./test-db";

const POLICY = `version: v1
rules:
  - id: allow-reads
    match: { labels: { mcp.action: read } }
    decision: ALLOW
  - id: slow-reads-bounded
    match: { labels: { mcp.tool: trigger-long-running-operation } }
    decision: ALLOW
    constraints: { max_runtime_sec: 2, max_retries: 0 }
  - id: recorder-bounded
    match: { labels: { mcp.server: recorder } }
    decision: ALLOW
    constraints: { max_runtime_sec: 1, max_retries: 1 }
  - id: writes-need-approval
    match: { labels: { mcp.action: write, mcp.risk: medium } }
    decision: REQUIRE_APPROVAL
    constraints: { max_runtime_sec: 30 }
  - id: debug-messages-only
    match: { labels: { mcp.tool: get-annotated-message }, arguments: { /messageType: debug } }
    decision: ALLOW
  - id: no-env-dumps
    match: { labels: { mcp.tool: get-env, mcp.server: everything } }
    decision: DENY
`;

const TOOLS = [
  { name: "echo", action: "read", risk: "low" },
  { name: "get-env", action: "read", risk: "low" },
  { name: "trigger-long-running-operation", action: "read", risk: "low" },
  { name: "trigger-sampling-request", action: "read", risk: "low" },
  { name: "toggle-simulated-logging", action: "read", risk: "low" },
  { name: "get-sum", action: "write", risk: "medium" },
  { name: "get-annotated-message", action: "write", risk: "low" },
  { name: "get-tiny-image", action: "admin", risk: "high" },
];

/** What the recording upstream saw, and the failures it is told to answer with. */
export interface RecorderState {
  /** The headers of every request it was sent (to prove the agent's token never reaches it). */
  recorded: http.IncomingHttpHeaders[];
  /** `tool:503`, `slow:started`, `slow:cancelled` in the order they happened. */
  events: string[];
  /** Tool name → how many more calls of it fail with HTTP 503 before one is answered. */
  failuresLeft: Map<string, number>;
}

/** An MCP upstream with `whoami`, `flaky` and `slow` tools that records how it is called. */
function startRecorder(state: RecorderState): Promise<McpUpstream> {
  return startMcpUpstream(
    (transport) => recorderMcp(state).connect(transport),
    (req, res, body) => {
      state.recorded.push(req.headers);
      // A tool whose first calls fail at the HTTP layer (a flaky upstream) until its budget of failures is spent.
      const call = body as { method?: string; params?: { name?: unknown } } | undefined;
      const toolName = call?.method === "tools/call" ? String(call.params?.name) : "";
      if ((state.failuresLeft.get(toolName) ?? 0) <= 0) return false;
      state.failuresLeft.set(toolName, state.failuresLeft.get(toolName)! - 1);
      state.events.push(`${toolName}:503`);
      res.writeHead(503).end();
      return true;
    },
  );
}

function recorderMcp(state: RecorderState): McpServer {
  const mcp = new McpServer({ name: "recorder", version: "1.0.0" });
  mcp.registerTool(
    "whoami",
    { description: "says hi", inputSchema: { n: z.number().optional() }, annotations: { readOnlyHint: true } },
    async () => ({ content: [{ type: "text", text: "hi" }] }),
  );
  mcp.registerTool(
    "flaky",
    { description: "fails at first", inputSchema: {}, annotations: { readOnlyHint: true } },
    async () => ({ content: [{ type: "text", text: "finally" }] }),
  );
  mcp.registerTool(
    "slow",
    { description: "takes 5 s unless cancelled", inputSchema: {}, annotations: { readOnlyHint: true } },
    async (_args, extra) => {
      state.events.push("slow:started");
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5_000);
        extra.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          state.events.push("slow:cancelled");
          resolve();
        });
      });
      return { content: [{ type: "text", text: "slow done" }] };
    },
  );
  return mcp;
}

type Db = Awaited<ReturnType<typeof openTestDb>>;

/**
 * The MCP gateway on PUBLIC_URL in front of server-everything (over HTTP and stdio), a recording
 * upstream and a stdio command outside the allowlist, under a policy with reads, bounded reads,
 * approvals, an argument matcher and a DENY. Call at the top of a test file, before anything
 * imports lib/env: it fixes the environment, then registers the hooks that start and stop the servers.
 * `onDatabase(kind)` (inside a describe) gives that database its catalog, policy and gateways.
 */
export async function mcpGatewaySuite() {
  const { port, base } = await prepareGatewayEnv();
  process.env.GATEWAY_STDIO_ALLOW = "node";
  const { createGateway } = await import("@/lib/server/gateway/http-entry");
  type Gateway = ReturnType<typeof createGateway>;

  // One HTTP server on PUBLIC_URL; the gateway behind it is swapped per database (and per hold setting).
  let current: { plain: Gateway; holding: Gateway } | null = null;
  const httpServer = http.createServer((req, res) => {
    const holding = req.headers["x-test-hold"] === "1";
    void (holding ? current!.holding : current!.plain).handle(req, res);
  });
  const recorder: RecorderState = { recorded: [], events: [], failuresLeft: new Map() };
  let everything: Awaited<ReturnType<typeof startServerEverything>>;
  let upstream: Awaited<ReturnType<typeof startRecorder>>;

  beforeAll(async () => {
    everything = await startServerEverything();
    await new Promise<void>((resolve) => httpServer.listen(port, "127.0.0.1", resolve));
    upstream = await startRecorder(recorder);
  });

  afterAll(async () => {
    httpServer.closeAllConnections();
    await new Promise((r) => httpServer.close(r));
    await upstream.stop();
    await everything?.stop();
  });

  function onDatabase(kind: DbKind) {
    const { world, open, closeClients } = gatewayOnDatabase(kind, base);
    beforeAll(async () => {
      await open(everything.url, upstream.url);
      const prisma = async () => world.db.prisma;
      current = {
        plain: createGateway({ prisma, approvalWaitSec: 0 }),
        holding: createGateway({ prisma, approvalWaitSec: 20 }),
      };
    });
    afterAll(async () => {
      await closeClients();
      await current?.plain.close();
      await current?.holding.close();
      await world.db?.dispose();
    });
    return world;
  }

  return { base, kinds: await testDbKinds(), recorder, onDatabase };
}

/** The catalog and policy of one database, and the agents, clients and errors the tests use. */
function gatewayOnDatabase(kind: DbKind, base: string) {
  const world = { db: undefined as unknown as Db, agentToken, connect, callError };
  const clients: Client[] = [];

  async function agentToken(environment: "production" | "development", scopes: string[], owner = "team-a") {
    const { issueAccessToken } = await import("@/lib/server/identity/issue-token");
    const agent = await world.db.prisma.agent.create({
      data: {
        clientId: `agt_${kind}_${randomUUID().slice(0, 8)}`,
        name: randomUUID(),
        environment,
        owner,
        scopes,
        secretHash: "x",
      },
    });
    const token = await issueAccessToken(world.db.prisma, agent, { scopes });
    return { agent, token: token.access_token };
  }

  async function connect(path: string, token: string, opts: { hold?: boolean; sampling?: boolean } = {}) {
    const client = new Client(
      { name: "test-agent", version: "1.0.0" },
      { capabilities: opts.sampling ? { sampling: {} } : {} },
    );
    if (opts.sampling) {
      client.setRequestHandler(CreateMessageRequestSchema, async (req) => ({
        model: "test-model",
        role: "assistant",
        content: { type: "text", text: `sampled: ${JSON.stringify(req.params.messages[0].content)}` },
      }));
    }
    const headers: Record<string, string> = {
      authorization: `Bearer ${token}`,
      ...(opts.hold ? { "x-test-hold": "1" } : {}),
    };
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}${path}`), { requestInit: { headers } }));
    clients.push(client);
    return client;
  }

  async function callError(
    client: Client,
    name: string,
    args: Record<string, unknown>,
    meta?: Record<string, unknown>,
  ): Promise<McpError> {
    const err = await client.callTool({ name, arguments: args, ...(meta ? { _meta: meta } : {}) }).then(
      (r) => {
        throw new Error(`expected an error, got ${JSON.stringify(r)}`);
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(McpError);
    return err as McpError;
  }

  async function open(everythingUrl: string, recorderUrl: string) {
    world.db = await openTestDb(kind);
    await seedGatewayCatalog(world.db, everythingUrl, recorderUrl);
  }

  const closeClients = () => Promise.allSettled(clients.map((c) => c.close()));

  return { world, open, closeClients };
}

async function seedGatewayCatalog(db: Db, everythingUrl: string, recorderUrl: string) {
  const { sealCredentials } = await import("@/lib/server/catalog/servers");
  const { writeSnapshot } = await import("@/lib/server/policies/policy-store");
  const { invalidatePolicyCache } = await import("@/lib/server/policies/current-policy");
  invalidatePolicyCache("production");
  invalidatePolicyCache("development");
  await db.prisma.server.create({
    data: {
      environment: "development",
      name: "everything",
      transport: "remote_http",
      url: everythingUrl,
      credentialsEnc: sealCredentials({ headers: { "x-upstream-key": "everything-key" } }),
      tools: { create: TOOLS },
    },
  });
  await db.prisma.server.create({
    data: {
      environment: "development",
      name: "recorder",
      transport: "remote_http",
      url: recorderUrl,
      credentialsEnc: sealCredentials({ headers: { authorization: "Bearer upstream-own-secret" } }),
      tools: { create: ["whoami", "flaky", "slow"].map((name) => ({ name, action: "read", risk: "low" })) },
    },
  });
  const command = "node node_modules/@modelcontextprotocol/server-everything/dist/index.js stdio";
  await db.prisma.server.create({
    data: {
      environment: "development",
      name: "everything-stdio",
      transport: "stdio",
      command,
      tools: { create: TOOLS },
    },
  });
  await db.prisma.server.create({
    data: {
      environment: "development",
      name: "not-allowed",
      transport: "stdio",
      command: "bash -c true",
      tools: { create: [{ name: "echo", action: "read", risk: "low" }] },
    },
  });
  const actor = { type: "system" as const, id: null, label: "test" };
  for (const environment of ["production", "development"] as const) {
    await db.prisma.$transaction((tx) =>
      writeSnapshot(tx, actor, environment, { source: POLICY, message: "gateway test" }),
    );
  }
}
