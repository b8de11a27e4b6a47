// A private PostgreSQL server for fault tests: its own data directory, port and socket, so it can
// be stopped, killed and restarted without touching the machine's shared server.
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { consoleBuilt } from "../../scripts/server-args.mjs";
import { freePort } from "./server-everything";

export interface PgInstance {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  createDatabase(name: string): Promise<string>;
  /** Clean shutdown (pg_ctl stop -m fast); the data directory stays. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data directory. */
  start(): Promise<void>;
  /** SIGKILL to the postmaster: a crash, recovered by WAL replay on the next start(). */
  kill(): Promise<void>;
  /** A signal to the postmaster and every backend at once (SIGSTOP / SIGCONT: a stall and its end); the pids signalled. */
  signalAll(signal: NodeJS.Signals): number[];
  /** Stops it (immediately) and deletes the data directory. */
  remove(): Promise<void>;
  running(): boolean;
}

/** The newest PostgreSQL server binaries installed from Debian's packages, or null. */
export function postgresBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "pg_ctl")) && existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

const asRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: run its tools as the postgres OS user then. */
function run(bin: string, args: string[], timeoutMs = 60_000): Promise<string> {
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
  return new Promise((resolve, reject) => {
    // Resolve on exit, not close: pg_ctl's postmaster may inherit and keep our pipes open.
    const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(bin)} ${args.join(" ")} exited with ${code}: ${out}`));
    });
  });
}

export interface PgInstanceOptions {
  /** Addresses to listen on besides 127.0.0.1 (e.g. a bridge address that hosts in network namespaces reach). */
  listen?: string[];
  /** Networks (CIDR) allowed in with trust auth besides loopback. */
  trustNetworks?: string[];
}

export async function startPgInstance(options: PgInstanceOptions = {}): Promise<PgInstance> {
  const bin = postgresBinDir();
  if (!bin)
    throw new Error(
      "PostgreSQL server binaries are not installed under /usr/lib/postgresql/*/bin (apt-get install postgresql).",
    );
  const { dir, data } = await initCluster(bin);
  for (const net of options.trustNetworks ?? [])
    appendFileSync(path.join(data, "pg_hba.conf"), `host all all ${net} trust\n`);
  const port = await freePort();
  let up = false;
  const pgCtl = path.join(bin, "pg_ctl");
  const listen = ["127.0.0.1", ...(options.listen ?? [])].join(",");
  const opts = `-p ${port} -k ${dir} -c listen_addresses=${listen} -c max_connections=200`;

  const instance: PgInstance = {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: instance.url() });
      await c.connect();
      try {
        await c.query(`CREATE DATABASE "${name.replace(/"/g, "")}"`);
      } finally {
        await c.end();
      }
      return instance.url(name);
    },
    async start() {
      await run(pgCtl, ["start", "-D", data, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "-o", opts]);
      up = true;
    },
    async stop() {
      await run(pgCtl, ["stop", "-D", data, "-m", "fast", "-w", "-t", "60"]);
      up = false;
    },
    signalAll(signal) {
      const pids = serverPids(data);
      for (const p of pids) {
        try {
          process.kill(p, signal);
        } catch {
          // already gone
        }
      }
      return pids;
    },
    async kill() {
      // Like the OOM killer taking the whole server: the postmaster and every backend at once.
      const pids = serverPids(data);
      for (const p of pids) {
        try {
          process.kill(p, "SIGKILL");
        } catch {
          // already gone
        }
      }
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && pids.some(alive)) await new Promise((r) => setTimeout(r, 50));
      up = false;
    },
    async remove() {
      if (existsSync(path.join(data, "postmaster.pid")))
        await run(pgCtl, ["stop", "-D", data, "-m", "immediate", "-w"]).catch(() => {});
      up = false;
      rmSync(dir, { recursive: true, force: true });
    },
    running: () => up,
  };
  await instance.start();
  return instance;
}

/** A new cluster in a temporary directory (owned by postgres when running as root). */
async function initCluster(bin: string): Promise<{ dir: string; data: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), "mgc-pg-"));
  const data = path.join(dir, "data");
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
  }
  const initdbArgs = ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale", "C"];
  await run(path.join(bin, "initdb"), initdbArgs);
  return { dir, data };
}

/** The postmaster and its backends, when the server runs. */
function serverPids(data: string): number[] {
  const pidFile = path.join(data, "postmaster.pid");
  if (!existsSync(pidFile)) return [];
  const pid = Number(readFileSync(pidFile, "utf8").split("\n")[0]);
  return [pid, ...childrenOf(pid)];
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)])
      .toString()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Fault tests need PostgreSQL server binaries: skip without them, except under CI=true where that is an error. */
export function postgresBinariesForFaultTests(): boolean {
  const present = postgresBinDir() !== null;
  if (!present && process.env.CI === "true")
    throw new Error("PostgreSQL server binaries are required under CI=true (apt-get install postgresql).");
  return present;
}

/** Tests that start the console use the existing build (Next's and dist/server.mjs) and never build one themselves. */
export function requireNextBuild(): void {
  if (!consoleBuilt())
    throw new Error(
      "No build (.next/BUILD_ID or dist/server.mjs is missing): run `npm run build` first; these tests start the console and do not build.",
    );
}
