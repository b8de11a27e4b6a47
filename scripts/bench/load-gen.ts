// Load for the decision benchmarks (bench:decide, bench:hosts): wrk when installed, else
// autocannon; and the decision call mix both send.
import autocannon from "autocannon";
import { spawn, spawnSync } from "node:child_process";
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { AgentClient } from "../../lib/agent-client";
import { createAgent, seedWorld } from "../lib/seed-world";
import { adminToken, consoleApi } from "./console-process";

export const CONNECTIONS = 50;
export const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

export interface Figure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export type LoadRequest = { path: string; headers: Record<string, string>; body: string };

/**
 * The load generator: wrk (C, one thread) when it is installed (`apt-get install wrk`), else
 * autocannon in this process. Both share the machine's two cores with the server they measure;
 * wrk takes a fraction of autocannon's CPU per request, so more of the machine is left to the
 * server. BENCH_LOADGEN=autocannon|wrk chooses; every figure of a run comes from the same one.
 */
export const LOADGEN = process.env.BENCH_LOADGEN ?? (spawnSync("wrk", ["--version"]).error ? "autocannon" : "wrk");

export function load(url: string, requests: LoadRequest[]): Promise<Figure> {
  return LOADGEN === "wrk" ? wrkLoad(url, requests) : autocannonLoad(url, requests);
}

/** A Lua long string that cannot be closed by the text inside it. */
function luaString(text: string): string {
  let eq = "=";
  while (text.includes(`]${eq}]`)) eq += "=";
  return `[${eq}[${text}]${eq}]`;
}

async function wrkLoad(url: string, requests: LoadRequest[]): Promise<Figure> {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-wrk-"));
  const script = path.join(dir, "mix.lua");
  const entries = requests.map((q) => {
    const headers = Object.entries({ "content-type": "application/json", ...q.headers }).map(
      ([k, v]) => `[ ${luaString(k)} ] = ${luaString(v)}`,
    );
    return `wrk.format("POST", ${luaString(q.path)}, { ${headers.join(", ")} }, ${luaString(q.body)})`;
  });
  writeFileSync(
    script,
    `local reqs, i = nil, 0
init = function() reqs = { ${entries.join(",\n")} } end
request = function() i = i % #reqs + 1; return reqs[i] end
done = function(s, latency)
  local e = s.errors
  io.write(string.format('\\nBENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d,"non2xx":%d}\\n',
    s.requests, s.duration, latency:percentile(50), latency:percentile(99), e.connect + e.read + e.write + e.timeout, e.status))
end
`,
  );
  try {
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn("wrk", ["-t1", `-c${CONNECTIONS}`, `-d${DURATION}s`, "--timeout", "10s", "-s", script, url], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let text = "";
      let problems = "";
      child.stdout.on("data", (d) => (text += String(d)));
      // wrk reports a script error and carries on with its default request: a run like that measures nothing.
      child.stderr.on("data", (d) => (problems += String(d)));
      child.on("error", reject);
      child.on("close", (code) =>
        code === 0 && !problems ? resolve(text) : reject(new Error(`wrk failed (${code}): ${problems}${text}`)),
      );
    });
    const line = out.split("\n").find((l) => l.startsWith("BENCH "));
    if (!line) throw new Error(`wrk printed no summary: ${out}`);
    const r = JSON.parse(line.slice(6)) as {
      requests: number;
      duration_us: number;
      p50_us: number;
      p99_us: number;
      errors: number;
      non2xx: number;
    };
    return {
      rps: Math.round(r.requests / (r.duration_us / 1e6)),
      p50: Math.round(r.p50_us / 1000),
      p99: Math.round(r.p99_us / 1000),
      errors: r.errors,
      non2xx: r.non2xx,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function autocannonLoad(url: string, requests: LoadRequest[]): Promise<Figure> {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: requests.map((q) => ({
      method: "POST",
      path: q.path,
      headers: { "content-type": "application/json", ...q.headers },
      body: q.body,
    })),
  });
  return {
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

/** The call mix: mostly allowed reads, some denials, some approval-gated writes. */
export async function decisionRequests(url: string) {
  const token = await adminToken(url);
  const api = (m: string, p: string, b?: unknown, ct?: string) => consoleApi(url, token, m, p, b, ct);
  await seedWorld(api);
  const scopes = ["mcp:*:read", "mcp:*:write", "mcp:*:admin"];
  const requests = [];
  for (let i = 0; i < 4; i++) {
    const agent = await createAgent(api, `bench-agent-${i}`, scopes);
    const client = new AgentClient({
      baseUrl: url,
      clientId: agent.client_id,
      clientSecret: agent.client_secret,
      scopes,
    });
    const headers = { authorization: `Bearer ${await client.accessToken()}` };
    const mix = [
      ...Array.from({ length: 7 }, (_, j) => ({
        server: "github",
        tool: "get_file_contents",
        arguments: { path: `src/file-${j}.ts` },
      })),
      { server: "notion", tool: "search", arguments: { q: "roadmap" } },
      { server: "slack", tool: "admin_users_remove", arguments: { user: "U123" } },
      { server: "jira", tool: "create_issue", arguments: { project: "OPS", summary: `bench ${i}` } },
    ];
    for (const call of mix) requests.push({ path: "/api/v1/decisions", headers, body: JSON.stringify(call) });
  }
  return requests;
}

export interface PacedFigure {
  /** The arrival rate asked for, and the rate of answers received. */
  targetRps: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  errors: number;
  non2xx: number;
  /** Requests still unanswered (or never sent) when the run ended plus 10 s: counted as errors too. */
  missing: number;
  /**
   * The load generator's own share of the tail: how late it sent each request after its intended
   * time (its event loop shares the two cores with the console and PostgreSQL), and its event-loop
   * delay. A p99 far above the console's own probes with a send lag of the same size is the
   * generator's, not the console's.
   */
  sendLagP99: number;
  loopDelayP99: number;
}

/**
 * Open-loop load: requests leave at a fixed arrival rate whatever the answers do, and each one's
 * latency runs from its intended send time, so a stalled server or a saturated generator shows as
 * latency instead of as fewer requests (no coordinated omission). At most `connections` are in
 * flight; the rest wait for a socket, and that wait is counted. Runs in this process (Node's http
 * client), so it takes some of the machine's CPU from the server it measures.
 */
export async function pacedLoad(
  url: string,
  requests: LoadRequest[],
  rate: number,
  seconds = DURATION,
  connections = CONNECTIONS,
): Promise<PacedFigure> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.max(1, Math.round(rate * seconds));
  const latencies = new Float64Array(total).fill(Number.NaN);
  const sendLags = new Float64Array(total);
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const interval = 1000 / rate;
  let errors = 0;
  let non2xx = 0;
  let answered = 0;
  let lastAnswer = 0;
  let allDone!: () => void;
  const done = new Promise<void>((resolve) => (allDone = resolve));
  const finish = (i: number, intended: number, ok: boolean | "error") => {
    const now = performance.now();
    latencies[i] = now - intended;
    lastAnswer = now;
    if (ok === "error") errors++;
    else if (!ok) non2xx++;
    if (++answered === total) allDone();
  };
  const fire = (i: number, intended: number) => {
    sendLags[i] = performance.now() - intended;
    const q = requests[i % requests.length];
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        method: "POST",
        path: q.path,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(q.body), ...q.headers },
      },
      (res) => {
        res.resume();
        res.on("end", () => finish(i, intended, (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
        res.on("error", () => finish(i, intended, "error"));
      },
    );
    req.on("error", () => finish(i, intended, "error"));
    req.end(q.body);
  };
  const start = performance.now() + 20;
  let sent = 0;
  while (sent < total) {
    const now = performance.now();
    while (sent < total && start + sent * interval <= now) {
      fire(sent, start + sent * interval);
      sent++;
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
  agent.destroy();
  loop.disable();
  const lags = Array.from(sendLags).sort((a, b) => a - b);
  const got = Array.from(latencies.filter((v) => !Number.isNaN(v))).sort((a, b) => a - b);
  const at = (q: number) => (got.length ? +got[Math.min(got.length - 1, Math.floor(q * got.length))].toFixed(1) : 0);
  return {
    targetRps: rate,
    rps: Math.round(answered / ((lastAnswer - start) / 1000)),
    p50: at(0.5),
    p90: at(0.9),
    p99: at(0.99),
    p999: at(0.999),
    max: got.length ? +got[got.length - 1].toFixed(1) : 0,
    errors,
    non2xx,
    missing: total - answered,
    sendLagP99: +lags[Math.min(lags.length - 1, Math.floor(0.99 * lags.length))].toFixed(1),
    loopDelayP99: +(loop.percentile(99) / 1e6).toFixed(1),
  };
}
