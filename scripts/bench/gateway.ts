// npm run bench:gateway — latency of tools/call (server-everything's echo) through the console's
// MCP gateway (token check, decision durably audited, upstream call, result recorded and inspected)
// against the same call made directly to the same upstream, measured in the same run, alternating
// batches so drift hits both alike. For context, the same enforcement done by the agent itself
// over the decision API (POST /decisions, direct call, POST /result) is measured alongside.
// Needs a build (`npm run build`). Ends with one line of JSON.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import os from "node:os";
import { AgentClient } from "../../lib/agent-client";
import { startServerEverything } from "../../lib/testing/server-everything";
import { postgresReachable, withScratchPgDatabase } from "../../lib/testing/test-db";
import { adminToken, consoleApi, startConsole } from "./console-process";

const CALLS = Number(process.env.BENCH_CALLS ?? 2_000);
const WARMUP = 200;
const BATCH = 50;
const POLICY = `version: v1
rules:
  - id: allow-reads
    match: { labels: { mcp.action: read } }
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
  return { p50: round(at(0.5)), p90: round(at(0.9)), p99: round(at(0.99)), mean: round(s.reduce((a, b) => a + b, 0) / s.length) };
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

/** The agent enforcing for itself: decision API, direct upstream call, result API. */
async function viaDecisionApi(agent: AgentClient, direct: Client, i: number): Promise<number> {
  const t0 = performance.now();
  const d = await agent.decide({ server: "everything", tool: "echo", arguments: { message: `bench ${i}` } });
  if (d.decision !== "ALLOW") throw new Error(`decision ${d.decision}`);
  const started = performance.now();
  const output = await direct.callTool({ name: "echo", arguments: { message: `bench ${i}` } });
  await agent.reportResult(d.decision_id, { status: "ok", duration_ms: Math.round(performance.now() - started), output });
  return performance.now() - t0;
}

/** Alternating batches of direct, gateway and decision-API calls; each client keeps one session. */
async function measure(direct: Client, gateway: Client, agent: AgentClient) {
  for (let i = 0; i < WARMUP; i++) {
    await echo(direct, i);
    await echo(gateway, i);
    await viaDecisionApi(agent, direct, i);
  }
  const d: number[] = [];
  const g: number[] = [];
  const a: number[] = [];
  for (let done = 0; done < CALLS; done += BATCH) {
    for (let i = 0; i < BATCH; i++) d.push(await echo(direct, done + i));
    for (let i = 0; i < BATCH; i++) g.push(await echo(gateway, done + i));
    for (let i = 0; i < BATCH; i++) a.push(await viaDecisionApi(agent, direct, done + i));
  }
  return { direct: figure(d), gateway: figure(g), decisionApi: figure(a) };
}

async function consoleRun(port: number, upstreamUrl: string, extraEnv: Record<string, string>) {
  const c = await startConsole(port, { SSRF_ALLOW_HOSTS: "127.0.0.1", ...extraEnv });
  try {
    const token = await adminToken(c.url);
    const api = (m: string, p: string, b?: unknown, ct?: string) => consoleApi(c.url, token, m, p, b, ct);
    await api("POST", "/api/console/servers", { environment: "development", name: "everything", transport: "remote_http", url: upstreamUrl, owner: "bench", tools: [{ name: "echo", action: "read", risk: "low" }] });
    await api("PUT", "/api/console/policies/development?publish=true&message=bench", POLICY, "application/yaml");
    const scopes = ["mcp:everything:read"];
    const agent = (await api("POST", "/api/console/agents", { name: `bench-gateway-${port}`, environment: "development", scopes, owner: "bench" })) as { client_id: string; client_secret: string };
    const agentClient = new AgentClient({ baseUrl: c.url, clientId: agent.client_id, clientSecret: agent.client_secret, scopes });
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
  console.log(`${label.padEnd(34)} p50 ${f.p50.toFixed(2)} ms  p90 ${f.p90.toFixed(2)} ms  p99 ${f.p99.toFixed(2)} ms  mean ${f.mean.toFixed(2)} ms`);
}

async function main() {
  const upstream = await startServerEverything();
  try {
    const embedded = await consoleRun(3495, upstream.url, {});
    line("direct to server-everything", embedded.direct);
    line("through the gateway (embedded db)", embedded.gateway);
    line("decision API + direct + result", embedded.decisionApi);
    const postgres = await withPgDatabase((url) => consoleRun(3496, upstream.url, { DATABASE_URL: url }));
    if (postgres) {
      line("direct to server-everything", postgres.direct);
      line("through the gateway (PostgreSQL)", postgres.gateway);
      line("decision API + direct + result", postgres.decisionApi);
    } else console.log("PostgreSQL unreachable: skipped its run");
    const overhead = (r: { direct: Figure; gateway: Figure }) => Math.round((r.gateway.p50 - r.direct.p50) * 100) / 100;
    const summary = {
      calls: CALLS,
      embedded_direct_p50_ms: embedded.direct.p50,
      embedded_direct_p99_ms: embedded.direct.p99,
      embedded_gateway_p50_ms: embedded.gateway.p50,
      embedded_gateway_p99_ms: embedded.gateway.p99,
      embedded_p50_overhead_ms: overhead(embedded),
      embedded_p99_overhead_ms: Math.round((embedded.gateway.p99 - embedded.direct.p99) * 100) / 100,
      embedded_decision_api_p50_ms: embedded.decisionApi.p50,
      embedded_decision_api_p99_ms: embedded.decisionApi.p99,
      ...(postgres
        ? {
            pg_direct_p50_ms: postgres.direct.p50,
            pg_direct_p99_ms: postgres.direct.p99,
            pg_gateway_p50_ms: postgres.gateway.p50,
            pg_gateway_p99_ms: postgres.gateway.p99,
            pg_p50_overhead_ms: overhead(postgres),
            pg_p99_overhead_ms: Math.round((postgres.gateway.p99 - postgres.direct.p99) * 100) / 100,
            pg_decision_api_p50_ms: postgres.decisionApi.p50,
            pg_decision_api_p99_ms: postgres.decisionApi.p99,
          }
        : {}),
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
