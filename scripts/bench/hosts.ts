// npm run bench:hosts — decisions/s through HAProxy to one console host and to two (each host in
// its own network namespace, both on one PostgreSQL), in the same run, alternating rounds so drift
// hits both alike. Prints each round, the ratio two/one, and where the CPU went (the hosts, the
// rest of the machine: PostgreSQL, HAProxy, wrk and other work). Root only (network namespaces).
// BENCH_SECONDS per round (default 10), BENCH_ROUNDS pairs (default 2). Ends with one line of JSON.
import { readFileSync } from "node:fs";
import os from "node:os";
import { createHostNetwork, hostTopologyAvailable, startBalancer } from "../../lib/testing/host-topology";
import { startPgInstance } from "../../lib/testing/pg-instance";
import { type ConsoleProcess, startConsole } from "./console-process";
import { CONNECTIONS, DURATION, decisionRequests, type Figure, LOADGEN, load } from "./load-gen";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const HOST_PORT = 4410;
const CHECK = { interMs: 1_000, fall: 2, rise: 1 };

/** CPU time (seconds) of a process, and of the whole machine (busy, total), from /proc. */
function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
function machineCpu(): { busy: number; total: number } {
  const [, ...v] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  return { busy: (total - v[3] - v[4]) / 100, total: total / 100 };
}

async function measured(url: string, requests: Parameters<typeof load>[1], hosts: ConsoleProcess[]) {
  const hostsBefore = hosts.map((h) => processCpu(h.pid));
  const m0 = machineCpu();
  const fig = await load(url, requests);
  const m1 = machineCpu();
  const wall = (m1.total - m0.total) / os.cpus().length;
  const hostCores = hosts.map((h, i) => (processCpu(h.pid) - hostsBefore[i]) / wall);
  const machineCores = (m1.busy - m0.busy) / wall;
  return { ...fig, hostCores, machineCores };
}

type Round = Figure & { hostCores: number[]; machineCores: number };

function show(label: string, r: Round) {
  console.log(
    `${label.padEnd(22)}${String(r.rps).padStart(6)} decisions/s  p50 ${r.p50} ms  p99 ${r.p99} ms  ` +
      `errors ${r.errors + r.non2xx}  CPU: host(s) ${r.hostCores.map((c) => c.toFixed(2)).join(" + ")} cores, ` +
      `machine ${r.machineCores.toFixed(2)} of ${os.cpus().length}`,
  );
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  if (!hostTopologyAvailable().ok) process.exit(1);
  const net = createHostNetwork(2);
  const pgi = await startPgInstance({ listen: [net.gateway], trustNetworks: [net.cidr] });
  const hosts: ConsoleProcess[] = [];
  const balancers: Awaited<ReturnType<typeof startBalancer>>[] = [];
  try {
    const local = await pgi.createDatabase("bench_hosts");
    const [onePort, twoPort] = [4400, 4402];
    const env = {
      DATABASE_URL: local.replace("127.0.0.1", net.gateway),
      ENCRYPTION_KEY: "bench-hosts-encryption-key-0123456789",
      PUBLIC_URL: `http://127.0.0.1:${twoPort}`,
      TRUSTED_PROXY_HOPS: "1",
      LOG_LEVEL: "warn",
    };
    for (const h of net.hosts)
      hosts.push(
        await startConsole(HOST_PORT, env, [], { quiet: true, netns: h.netns, address: h.address, startupMs: 180_000 }),
      );
    const servers = net.hosts.map((h, i) => ({ name: `h${i + 1}`, address: h.address, port: HOST_PORT }));
    const one = await startBalancer({ port: onePort, statsPort: onePort + 1, servers: servers.slice(0, 1), ...CHECK });
    const two = await startBalancer({ port: twoPort, statsPort: twoPort + 1, servers, ...CHECK });
    balancers.push(one, two);
    await one.waitFor(["h1"], "UP");
    await two.waitFor(["h1", "h2"], "UP");
    const requests = await decisionRequests(two.url);
    console.log(
      `load generator: ${LOADGEN}, ${CONNECTIONS} connections, ${DURATION} s per round, ${ROUNDS} rounds each; ` +
        `${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)} at start`,
    );
    // Warm-up of both paths: JIT, caches, connection pools on both hosts.
    await load(two.url, requests);
    const ones: Round[] = [];
    const twos: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const a = await measured(one.url, requests, hosts.slice(0, 1));
      show(`one host, round ${r + 1}`, a);
      ones.push(a);
      const b = await measured(two.url, requests, hosts);
      show(`two hosts, round ${r + 1}`, b);
      twos.push(b);
    }
    const oneRps = median(ones.map((x) => x.rps));
    const twoRps = median(twos.map((x) => x.rps));
    console.log(
      `two hosts / one host: ${(twoRps / oneRps).toFixed(2)}× (medians ${twoRps} vs ${oneRps} decisions/s). ` +
        `Bound: ${os.cpus().length} cores shared by the hosts, PostgreSQL, HAProxy and wrk — ` +
        `machine busy ${median(twos.map((x) => x.machineCores)).toFixed(2)} cores with two hosts.`,
    );
    console.log(
      JSON.stringify({
        loadgen: LOADGEN,
        connections: CONNECTIONS,
        seconds: DURATION,
        rounds: ROUNDS,
        one_host_rps: ones.map((x) => x.rps),
        two_hosts_rps: twos.map((x) => x.rps),
        one_host_p99_ms: ones.map((x) => x.p99),
        two_hosts_p99_ms: twos.map((x) => x.p99),
        ratio_two_vs_one: +(twoRps / oneRps).toFixed(2),
        machine_busy_cores_two: median(twos.map((x) => x.machineCores)),
        load_average_1m: +os.loadavg()[0].toFixed(2),
        cpus: os.cpus().length,
      }),
    );
  } finally {
    await Promise.all(balancers.map((b) => b.stop()));
    await Promise.all(hosts.map((h) => h.stop()));
    await pgi.remove();
    net.remove();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
