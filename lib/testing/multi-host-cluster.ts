import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import pg from "pg";
import { afterAll, beforeAll, expect } from "vitest";
import { adminToken, startConsole, type ConsoleProcess } from "@/scripts/bench/console-process";
import { attachWorld, FAULTS_ENCRYPTION_KEY, seedProduction, type WorldConsole } from "./fuzz/console-world";
import { createHostNetwork, startBalancer, type Balancer, type HostNetwork } from "./host-topology";
import { requireNextBuild, startPgInstance, type PgInstance } from "./pg-instance";
import { freePort, startServerEverything } from "./server-everything";

const HOSTS = 3;
const HOST_PORT = 4410;
export const CHECK = { interMs: 250, fall: 2, rise: 2 };
/** A change on one host must show on the others by this (the 1 s cache bound, with room for a loaded machine). */
const PROPAGATION_TIMEOUT_MS = 5_000;
const GATEWAY_POLICY = `version: v1
rules:
  - id: allow-reads
    match: { labels: { mcp.action: read } }
    decision: ALLOW
`;

export interface Host {
  name: string;
  netns: string;
  address: string;
  proc: ConsoleProcess;
  world: WorldConsole;
}

export interface GatewayCall {
  session: number;
  host: string | null;
  ok: boolean;
  at: number;
  decisionId?: string;
  error?: string;
}

/** The cluster the hooks build: what a test reads once beforeAll has run. */
export interface Cluster {
  net: HostNetwork;
  pgi: PgInstance;
  upstream: { url: string; stop: () => Promise<void> };
  lb: Balancer;
  /** The console through the balancer, signed in as the admin. */
  viaLb: WorldConsole;
  /** A direct client of the shared database. */
  db: pg.Client;
  hostEnv: Record<string, string>;
  hosts: Host[];
  /** Measured delays and events, printed after the run. */
  figures: string[];
}

/**
 * Three console hosts, each in its own network namespace, behind HAProxy on one PostgreSQL, with
 * the seed's production world and a development `everything` server under a read-only policy.
 * Call inside a describe: it registers the hooks that build and remove the cluster.
 */
export function multiHostCluster() {
  const c = { hosts: [] as Host[], figures: [] as string[] } as Cluster;

  const startHost = async (name: string, netns: string, address: string, token?: string): Promise<Host> => {
    const proc = await startConsole(HOST_PORT, c.hostEnv, [], { quiet: true, netns, address, startupMs: 180_000 });
    return { name, netns, address, proc, world: attachWorld(proc, token ?? "") };
  };

  beforeAll(() => buildCluster(c, startHost), 420_000);

  afterAll(async () => {
    await c.db?.end().catch(() => {});
    await c.lb?.stop();
    await Promise.all(c.hosts.map((h) => h.proc.stop()));
    await c.upstream?.stop();
    await c.pgi?.remove();
    c.net?.remove();
    if (c.figures.length) console.log(`several hosts behind HAProxy:\n  ${c.figures.join("\n  ")}`);
    for (const h of c.hosts) {
      const out = h.proc.output().trim();
      if (out) console.log(`${h.name} stderr (last 3000 characters):\n${out.slice(-3_000)}`);
    }
  }, 60_000);

  return {
    cluster: c,
    startHost,
    gatewayLoad: (bearer: string, sessions: number) => gatewayLoad(c.lb.url, bearer, sessions),
    retried: (call: () => Promise<{ status: number; body: unknown; headers: Headers }>) => retried(c.figures, call),
    propagates: (label: string, on: Host, change: () => Promise<void>, enforced: (h: Host) => Promise<boolean>) =>
      propagates(c, label, on, change, enforced),
  };
}

async function buildCluster(c: Cluster, startHost: (name: string, netns: string, address: string) => Promise<Host>) {
  requireNextBuild();
  c.net = createHostNetwork(HOSTS);
  c.pgi = await startPgInstance({ listen: [c.net.gateway], trustNetworks: [c.net.cidr] });
  const local = await c.pgi.createDatabase("multi_host");
  const everything = await startServerEverything();
  c.upstream = { ...everything, url: everything.url.replace("127.0.0.1", c.net.gateway) };
  const [lbPort, statsPort] = [await freePort(), await freePort()];
  // What every host shares: one database, one public name (token issuer and audience), one
  // signing secret (startConsole's AUTH_SECRET) and one encryption key.
  c.hostEnv = {
    DATABASE_URL: local.replace("127.0.0.1", c.net.gateway),
    ENCRYPTION_KEY: FAULTS_ENCRYPTION_KEY,
    PUBLIC_URL: `http://127.0.0.1:${lbPort}`,
    SSRF_ALLOW_HOSTS: c.net.gateway,
    TRUSTED_PROXY_HOPS: "1",
    LOG_LEVEL: "warn",
  };
  // All hosts start at once: migrations and the first admin are taken under advisory locks.
  const started = await Promise.all(c.net.hosts.map((h, i) => startHost(`h${i + 1}`, h.netns, h.address)));
  c.hosts.push(...started);
  c.lb = await startBalancer({
    port: lbPort,
    statsPort,
    servers: c.hosts.map((h) => ({ name: h.name, address: h.address, port: HOST_PORT })),
    ...CHECK,
  });
  await c.lb.waitFor(
    c.hosts.map((h) => h.name),
    "UP",
  );
  // Signing in through the balancer: the CSRF cookie and the session may come from different hosts.
  const token = await adminToken(c.lb.url);
  c.viaLb = attachWorld({ ...c.hosts[0].proc, url: c.lb.url }, token);
  for (const h of c.hosts) h.world = attachWorld(h.proc, token);
  await seedProduction(c.viaLb);
  await c.viaLb.seed("POST", "/api/console/servers", {
    environment: "development",
    name: "everything",
    transport: "remote_http",
    url: c.upstream.url,
    owner: "multi-host",
    tools: [{ name: "echo", action: "read", risk: "low" }],
  });
  await c.viaLb.seed(
    "PUT",
    "/api/console/policies/development?publish=true&message=multi-host",
    GATEWAY_POLICY,
    "application/yaml",
  );
  c.db = new pg.Client({ connectionString: local });
  await c.db.connect();
}

/**
 * The same session again until a host answers for it (at most ~5 s): while HAProxy still counts
 * the dead host UP, a retry meets it again (fetch failed, 502); once it is DOWN, a surviving host
 * answers that it does not know the session (404), which is when an MCP client re-initialises.
 */
async function retrySameSession(client: Client, i: number, calls: GatewayCall[], hostOf: (string | null)[]) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const error = await client.callTool({ name: "echo", arguments: { message: `s${i} retry ${attempt}` } }).then(
      () => undefined,
      (e) => String(e),
    );
    calls.push({ session: i, host: hostOf[i], ok: error === undefined, at: performance.now(), error });
    if (error === undefined || !/fetch failed|\b50[234]\b|ECONNRE/.test(error)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Gateway sessions through the balancer, each calling echo in a loop; a failed session re-initialises. */
function gatewayLoad(lbUrl: string, bearer: string, sessions: number) {
  const calls: GatewayCall[] = [];
  const hostOf: (string | null)[] = [];
  let running = true;
  const open = async (i: number) => {
    const fetchNoting: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      hostOf[i] = res.headers.get("x-served-by") ?? hostOf[i];
      return res;
    };
    const client = new Client({ name: `multi-host-agent-${i}`, version: "1.0.0" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${lbUrl}/mcp/development/everything`), {
        requestInit: { headers: { authorization: `Bearer ${bearer}` } },
        fetch: fetchNoting,
      }),
    );
    return client;
  };
  const ready = Promise.all(Array.from({ length: sessions }, (_, i) => open(i)));
  const loops = ready.then((clients) =>
    Promise.all(
      clients.map(async (first, i) => {
        let client = first;
        for (let n = 0; running; n++) {
          try {
            const r = await client.callTool({ name: "echo", arguments: { message: `s${i} call ${n}` } });
            const stamp = r._meta?.["governance-console/decision"] as { decision_id?: string } | undefined;
            calls.push({
              session: i,
              host: hostOf[i],
              ok: !r.isError,
              at: performance.now(),
              decisionId: stamp?.decision_id,
            });
          } catch (err) {
            calls.push({ session: i, host: hostOf[i], ok: false, at: performance.now(), error: String(err) });
            await retrySameSession(client, i, calls, hostOf);
            // A new session through the balancer, as an MCP client does on 404.
            void client.close().catch(() => {});
            hostOf[i] = null;
            client = await open(i);
          }
          await new Promise((r) => setTimeout(r, 20));
        }
        await client.close().catch(() => {});
      }),
    ),
  );
  return {
    calls,
    hostOf,
    ready,
    async stop() {
      running = false;
      await loops;
    },
  };
}

/**
 * A console change under load: a 503 (the answer bound passed on this loaded machine; nothing
 * was changed) is retried after its Retry-After, as a person or a script would.
 */
async function retried(figures: string[], call: () => Promise<{ status: number; body: unknown; headers: Headers }>) {
  for (let attempt = 1; ; attempt++) {
    const res = await call();
    if (res.status !== 503 || attempt === 5) return res;
    figures.push(`a console change answered 503 under load (attempt ${attempt}), retried`);
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Makes a change on one host and measures when each other host first enforces it. */
async function propagates(
  c: Cluster,
  label: string,
  on: Host,
  change: () => Promise<void>,
  enforced: (h: Host) => Promise<boolean>,
) {
  await change();
  const committed = performance.now();
  expect(await enforced(on), `${label}: ${on.name}, where it was made, enforces it at once`).toBe(true);
  const delays = await Promise.all(
    c.hosts
      .filter((h) => h !== on)
      .map(async (h) => {
        while (performance.now() - committed < PROPAGATION_TIMEOUT_MS) {
          if (await enforced(h)) return [h.name, Math.round(performance.now() - committed)] as const;
          await new Promise((r) => setTimeout(r, 10));
        }
        return [h.name, null] as const;
      }),
  );
  expect(
    delays.filter(([, ms]) => ms === null),
    `${label}: hosts not enforcing it ${PROPAGATION_TIMEOUT_MS} ms after ${on.name} committed`,
  ).toEqual([]);
  c.figures.push(`${label} on ${on.name}: ${delays.map(([n, ms]) => `${n} ${ms} ms`).join(", ")}`);
  return delays.map(([, ms]) => ms as number);
}
