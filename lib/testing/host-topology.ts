// Several console hosts on one machine, as they run in production: each in its own network
// namespace (veth into one bridge, addresses in a private /24), behind Debian's HAProxy with
// health checks on /api/health. Used by the multi-host test and `npm run bench:hosts`. Root only.
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const HAPROXY = "/usr/sbin/haproxy";

/**
 * Whether this machine can build the topology (root, `ip`, HAProxy). Outside CI a missing part
 * means the caller skips, saying why; under CI=true it is an error, never a silent skip.
 */
export function hostTopologyAvailable(): { ok: boolean; reason: string } {
  const missing: string[] = [];
  if (process.getuid?.() !== 0) missing.push("root (network namespaces)");
  if (spawnSync("ip", ["-V"]).error) missing.push("iproute2's `ip`");
  if (!existsSync(HAPROXY)) missing.push(`${HAPROXY} (apt-get install haproxy; scripts/test.sh does it as root)`);
  const reason = missing.length ? `several-hosts topology needs ${missing.join(", ")}` : "";
  if (missing.length && process.env.CI === "true") throw new Error(`${reason}; CI=true requires it`);
  if (missing.length) console.warn(`SKIPPED: ${reason}`);
  return { ok: missing.length === 0, reason };
}

export interface HostNetwork {
  /** The bridge's address in the root namespace: where hosts reach PostgreSQL and upstreams. */
  gateway: string;
  /** The private /24, e.g. 10.213.7.0/24. */
  cidr: string;
  hosts: { netns: string; address: string }[];
  remove(): void;
}

function ip(...args: string[]): void {
  execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });
}

const cleanups = new Set<() => void>();
// A test that dies half-way (a thrown beforeAll, Ctrl-C) still leaves no namespaces or bridges.
process.once("exit", () => {
  for (const c of cleanups) c();
});

/**
 * A bridge `mgcbr<n>` holding 10.213.<n>.1/24 in the root namespace and `count` namespaces
 * `mgc<n>-h<i>`, each with a veth into the bridge at 10.213.<n>.<10+i> and its own loopback up.
 * n comes from the process id, so two runs on one machine do not collide.
 */
export function createHostNetwork(count: number): HostNetwork {
  const n = 16 + (process.pid % 200);
  const bridge = `mgcbr${n}`;
  const gateway = `10.213.${n}.1`;
  const hosts = Array.from({ length: count }, (_, i) => ({
    netns: `mgc${n}-h${i + 1}`,
    address: `10.213.${n}.${11 + i}`,
  }));
  const remove = () => {
    for (const h of hosts) {
      killNamespace(h.netns);
      spawnSync("ip", ["netns", "del", h.netns], { stdio: "ignore" });
    }
    spawnSync("ip", ["link", "del", bridge], { stdio: "ignore" });
    cleanups.delete(remove);
  };
  remove(); // leftovers of a run with the same pid that was killed
  cleanups.add(remove);
  try {
    ip("link", "add", bridge, "type", "bridge");
    ip("addr", "add", `${gateway}/24`, "dev", bridge);
    ip("link", "set", bridge, "up");
    hosts.forEach((h, i) => {
      const outer = `mgv${n}h${i + 1}`;
      ip("netns", "add", h.netns);
      ip("link", "add", outer, "type", "veth", "peer", "name", "eth0", "netns", h.netns);
      ip("link", "set", outer, "master", bridge, "up");
      ip("-n", h.netns, "addr", "add", `${h.address}/24`, "dev", "eth0");
      ip("-n", h.netns, "link", "set", "eth0", "up");
      ip("-n", h.netns, "link", "set", "lo", "up");
    });
  } catch (err) {
    remove();
    throw err;
  }
  return { gateway, cidr: `10.213.${n}.0/24`, hosts, remove };
}

/** SIGKILL to every process still inside a namespace of ours. */
function killNamespace(netns: string): void {
  const out = spawnSync("ip", ["netns", "pids", netns], { encoding: "utf8" });
  for (const pid of (out.stdout ?? "").split(/\s+/).filter(Boolean)) {
    try {
      process.kill(Number(pid), "SIGKILL");
    } catch {
      // already gone
    }
  }
}

export interface Balancer {
  url: string;
  pid: number;
  /** Each backend server's state as HAProxy's stats report it (UP, DOWN, MAINT, …), by name. */
  states(): Promise<Record<string, string>>;
  /** Per server: requests assigned to it so far (stats `stot`) and failed connection attempts (`econ`). */
  counters(): Promise<Record<string, { sessions: number; connectErrors: number }>>;
  /** Resolves once every named server is in `state`; throws after timeoutMs. */
  waitFor(names: string[], state: string, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

export interface BalancerOptions {
  port: number;
  statsPort: number;
  servers: { name: string; address: string; port: number }[];
  /** Health-check interval; a server is DOWN after `fall` failed checks and UP after `rise` good ones. */
  interMs: number;
  fall: number;
  rise: number;
}

/**
 * The HAProxy configuration the README's "Running several hosts" describes: round robin, health
 * checks on /api/health (which answers 503 when its database is unreachable), gateway sessions
 * stuck to the host that created them by their Mcp-Session-Id, failed connections retried on
 * another host, and the serving host named in `x-served-by`.
 */
export function haproxyConfig(o: BalancerOptions): string {
  return `global
  maxconn 4096
defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout check 1s
  option redispatch
  retries 2
frontend console
  bind 127.0.0.1:${o.port}
  default_backend consoles
backend consoles
  balance roundrobin
  option httpchk GET /api/health
  http-check expect status 200
  default-server inter ${o.interMs} fall ${o.fall} rise ${o.rise}
  stick-table type string len 64 size 100k expire 30m
  stick on req.hdr(mcp-session-id)
  stick store-response res.hdr(mcp-session-id)
  http-response set-header x-served-by %s
${o.servers.map((s) => `  server ${s.name} ${s.address}:${s.port} check`).join("\n")}
listen stats
  bind 127.0.0.1:${o.statsPort}
  stats enable
  stats uri /stats
`;
}

export async function startBalancer(o: BalancerOptions): Promise<Balancer> {
  const dir = mkdtempSync(path.join(tmpdir(), "mgc-haproxy-"));
  const cfg = path.join(dir, "haproxy.cfg");
  writeFileSync(cfg, haproxyConfig(o));
  execFileSync(HAPROXY, ["-c", "-q", "-f", cfg]);
  const child: ChildProcess = spawn(HAPROXY, ["-db", "-f", cfg], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr = (stderr + String(d)).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    cleanups.delete(killNow);
  };
  const killNow = () => {
    if (child.exitCode === null) child.kill("SIGKILL");
  };
  cleanups.add(killNow);

  const stats = async (): Promise<Record<string, string>[]> => {
    const res = await fetch(`http://127.0.0.1:${o.statsPort}/stats;csv`);
    const [header, ...lines] = (await res.text()).trim().split("\n");
    const keys = header.replace(/^# /, "").split(",");
    return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [keys[i], v])));
  };
  const servers = async () => (await stats()).filter((r) => r.pxname === "consoles" && r.type === "2");
  const balancer: Balancer = {
    url: `http://127.0.0.1:${o.port}`,
    pid: child.pid!,
    states: async () => Object.fromEntries((await servers()).map((r) => [r.svname, r.status.split(" ")[0]])),
    counters: async () =>
      Object.fromEntries(
        (await servers()).map((r) => [r.svname, { sessions: Number(r.stot), connectErrors: Number(r.econ || 0) }]),
      ),
    async waitFor(names, state, timeoutMs = 30_000) {
      const t0 = performance.now();
      for (;;) {
        if (child.exitCode !== null) throw new Error(`haproxy exited (${child.exitCode}): ${stderr}`);
        const s = await balancer.states().catch(() => ({}) as Record<string, string>);
        if (names.every((n) => s[n] === state)) return performance.now() - t0;
        if (performance.now() - t0 > timeoutMs)
          throw new Error(`haproxy: ${names.join(", ")} not ${state} after ${timeoutMs} ms: ${JSON.stringify(s)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop,
  };
  for (const deadline = Date.now() + 10_000; ; ) {
    if (
      await stats().then(
        () => true,
        () => false,
      )
    )
      break;
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`haproxy did not start: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return balancer;
}
