// npm run bench:gateway — latency of tools/call (server-everything's echo) through the console's
// MCP gateway (token check, decision durably audited, upstream call, result recorded and inspected)
// against the same call made directly to the same upstream, measured in the same run, alternating
// batches so drift hits both alike. A write (get-sum, catalogued as a low-risk write: forwarded
// only once its decision is durable) is measured the same way. For context, the same enforcement done by the agent itself
// over the decision API (POST /decisions, direct call, POST /result) is measured alongside.
// Needs a build (`npm run build`). Ends with one line of JSON.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import os from "node:os";
import { AgentClient } from "../../lib/agent-client";
import { startServerEverything } from "../../lib/testing/server-everything";
import { postgresReachable, withScratchPgDatabase } from "../../lib/testing/test-db";
import { adminToken, benchNodeArgs, consoleApi, startConsole } from "./console-process";

const CALLS = Number(process.env.BENCH_CALLS ?? 2_000);
const WARMUP = 200;
const BATCH = 50;
// BENCH_ONLY=pg|embedded measures one database; BENCH_DECISION_API=0 skips the decision-API leg;
// BENCH_CPU_PROF and BENCH_NODE_ARGS: see benchNodeArgs.
const ONLY = process.env.BENCH_ONLY;
/** BENCH_PORT_BASE: its two consoles listen on base + 5 and base + 6 (default 3490). */
const PORT = Number(process.env.BENCH_PORT_BASE ?? 3490);
const WITH_DECISION_API = process.env.BENCH_DECISION_API !== "0";
const POLICY = `version: v1
rules:
  - id: allow-reads
    match: { labels: { mcp.action: read } }
    decision: ALLOW
  - id: allow-low-writes
    match: { labels: { mcp.action: write, mcp.risk: low } }
    decision: ALLOW
`;

interface Figure {
  p50: number;
  p90: number;
  p99: number;
  mean: number;
}

function figure(samples: number[]): Figure {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    p50: round(at(0.5)),
    p90: round(at(0.9)),
    p99: round(at(0.99)),
    mean: round(s.reduce((a, b) => a + b, 0) / s.length),
  };
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: "bench-agent", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

async function echo(client: Client, i: number): Promise<number> {
  const t0 = performance.now();
  const r = await client.callTool({ name: "echo", arguments: { message: `bench ${i}` } });
  const ms = performance.now() - t0;
  if (r.isError) throw new Error(`echo failed: ${JSON.stringify(r.content)}`);
  return ms;
}

async function sum(client: Client, i: number): Promise<number> {
  const t0 = performance.now();
  const r = await client.callTool({ name: "get-sum", arguments: { a: i, b: 1 } });
  const ms = performance.now() - t0;
  if (r.isError) throw new Error(`get-sum failed: ${JSON.stringify(r.content)}`);
  return ms;
}

/** The agent enforcing for itself: decision API, direct upstream call, result API. */
async function viaDecisionApi(agent: AgentClient, direct: Client, i: number): Promise<number> {
  const t0 = performance.now();
  const d = await agent.decide({ server: "everything", tool: "echo", arguments: { message: `bench ${i}` } });
  if (d.decision !== "ALLOW") throw new Error(`decision ${d.decision}`);
  const started = performance.now();
  const output = await direct.callTool({ name: "echo", arguments: { message: `bench ${i}` } });
  await agent.reportResult(d.decision_id, {
    status: "ok",
    duration_ms: Math.round(performance.now() - started),
    output,
  });
  return performance.now() - t0;
}

/** Alternating batches of direct, gateway and decision-API calls; each client keeps one session. */
async function measure(direct: Client, gateway: Client, agent: AgentClient) {
  for (let i = 0; i < WARMUP; i++) {
    await echo(direct, i);
    await echo(gateway, i);
    await sum(direct, i);
    await sum(gateway, i);
    if (WITH_DECISION_API) await viaDecisionApi(agent, direct, i);
  }
  const d: number[] = [];
  const g: number[] = [];
  const dw: number[] = [];
  const gw: number[] = [];
  const a: number[] = [];
  for (let done = 0; done < CALLS; done += BATCH) {
    for (let i = 0; i < BATCH; i++) d.push(await echo(direct, done + i));
    for (let i = 0; i < BATCH; i++) g.push(await echo(gateway, done + i));
    for (let i = 0; i < BATCH; i++) dw.push(await sum(direct, done + i));
    for (let i = 0; i < BATCH; i++) gw.push(await sum(gateway, done + i));
    if (WITH_DECISION_API) for (let i = 0; i < BATCH; i++) a.push(await viaDecisionApi(agent, direct, done + i));
  }
  return {
    direct: figure(d),
    gateway: figure(g),
    directWrite: figure(dw),
    gatewayWrite: figure(gw),
    decisionApi: a.length ? figure(a) : { p50: NaN, p90: NaN, p99: NaN, mean: NaN },
  };
}

async function consoleRun(port: number, upstreamUrl: string, extraEnv: Record<string, string>) {
  const c = await startConsole(port, { SSRF_ALLOW_HOSTS: "127.0.0.1", ...extraEnv }, benchNodeArgs());
  try {
    const token = await adminToken(c.url);
    const api = (m: string, p: string, b?: unknown, ct?: string) => consoleApi(c.url, token, m, p, b, ct);
    await api("POST", "/api/console/servers", {
      environment: "development",
      name: "everything",
      transport: "remote_http",
      url: upstreamUrl,
      owner: "bench",
      tools: [
        { name: "echo", action: "read", risk: "low" },
        { name: "get-sum", action: "write", risk: "low" },
      ],
    });
    await api("PUT", "/api/console/policies/development?publish=true&message=bench", POLICY, "application/yaml");
    const scopes = ["mcp:everything:read", "mcp:everything:write"];
    const agent = (await api("POST", "/api/console/agents", {
      name: `bench-gateway-${port}`,
      environment: "development",
      scopes,
      owner: "bench",
    })) as { client_id: string; client_secret: string };
    const agentClient = new AgentClient({
      baseUrl: c.url,
      clientId: agent.client_id,
      clientSecret: agent.client_secret,
      scopes,
    });
    const bearer = await agentClient.accessToken();
    const direct = await connect(upstreamUrl);
    const gateway = await connect(`${c.url}/mcp/development/everything`, { authorization: `Bearer ${bearer}` });
    try {
      return await measure(direct, gateway, agentClient);
    } finally {
      await direct.close();
      await gateway.close();
    }
  } finally {
    await c.stop();
  }
}

/** A scratch PostgreSQL database for fn, or null when PostgreSQL cannot be reached. */
async function withPgDatabase<T>(fn: (url: string) => Promise<T>): Promise<T | null> {
  if (!(await postgresReachable())) return null;
  return withScratchPgDatabase(fn);
}

function line(label: string, f: Figure) {
  console.log(
    `${label.padEnd(34)} p50 ${f.p50.toFixed(2)} ms  p90 ${f.p90.toFixed(2)} ms  p99 ${f.p99.toFixed(2)} ms  mean ${f.mean.toFixed(2)} ms`,
  );
}

type Run = { direct: Figure; gateway: Figure; directWrite: Figure; gatewayWrite: Figure; decisionApi: Figure };

/** The summary fields of one database's run, prefixed (embedded_…, pg_…). */
function runFields(prefix: string, r: Run) {
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    [`${prefix}_direct_p50_ms`]: r.direct.p50,
    [`${prefix}_direct_p99_ms`]: r.direct.p99,
    [`${prefix}_gateway_p50_ms`]: r.gateway.p50,
    [`${prefix}_gateway_p99_ms`]: r.gateway.p99,
    [`${prefix}_p50_overhead_ms`]: round(r.gateway.p50 - r.direct.p50),
    [`${prefix}_p99_overhead_ms`]: round(r.gateway.p99 - r.direct.p99),
    [`${prefix}_write_direct_p50_ms`]: r.directWrite.p50,
    [`${prefix}_write_gateway_p50_ms`]: r.gatewayWrite.p50,
    [`${prefix}_write_p50_overhead_ms`]: round(r.gatewayWrite.p50 - r.directWrite.p50),
    [`${prefix}_write_p99_overhead_ms`]: round(r.gatewayWrite.p99 - r.directWrite.p99),
    ...(WITH_DECISION_API
      ? { [`${prefix}_decision_api_p50_ms`]: r.decisionApi.p50, [`${prefix}_decision_api_p99_ms`]: r.decisionApi.p99 }
      : {}),
  };
}

function print(db: string, r: Run) {
  line("direct to server-everything", r.direct);
  line(`through the gateway (${db})`, r.gateway);
  line("write direct to server-everything", r.directWrite);
  line(`write through the gateway (${db})`, r.gatewayWrite);
  if (WITH_DECISION_API) line("decision API + direct + result", r.decisionApi);
}

async function main() {
  const upstream = await startServerEverything();
  try {
    const embedded = ONLY === "pg" ? null : await consoleRun(PORT + 5, upstream.url, {});
    if (embedded) print("embedded db", embedded);
    const postgres =
      ONLY === "embedded"
        ? null
        : await withPgDatabase((url) => consoleRun(PORT + 6, upstream.url, { DATABASE_URL: url }));
    if (postgres) print("PostgreSQL", postgres);
    else if (ONLY !== "embedded") console.log("PostgreSQL unreachable: skipped its run");
    const summary = {
      calls: CALLS,
      ...(embedded ? runFields("embedded", embedded) : {}),
      ...(postgres ? runFields("pg", postgres) : {}),
      target_p50_overhead_ms: 3,
      load_average_1m: Math.round(os.loadavg()[0] * 100) / 100,
      cpus: os.cpus().length,
    };
    console.log(JSON.stringify(summary));
  } finally {
    await upstream.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
