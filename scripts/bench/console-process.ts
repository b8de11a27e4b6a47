// Starts and stops console processes for benchmarks and soak tests, and signs in through the real API.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { consoleBuilt, SERVER_ARGS } from "../server-args.mjs";

export const BENCH_ADMIN_PASSWORD = "bench-admin-password-1";

export interface ConsoleProcess {
  url: string;
  /** The server process's id (for RSS sampling). */
  pid: number;
  stop: () => Promise<void>;
  /** SIGKILL, as a crash would: no shutdown hooks run. */
  kill: () => Promise<void>;
  /** Its stderr so far, when started with `quiet`. */
  output: () => string;
}

/**
 * Extra Node flags for a benchmarked console, from the environment: BENCH_CPU_PROF=<dir> writes a
 * V8 CPU profile (open it in Chrome's DevTools), BENCH_NODE_ARGS adds flags (e.g. --perf-basic-prof).
 */
export function benchNodeArgs(): string[] {
  return [
    ...(process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
  ];
}

export interface StartOptions {
  /** Its stderr is kept (output()) instead of shown. */
  quiet?: boolean;
  /** Runs it inside this network namespace (`ip netns exec`, root only), listening on `address`. */
  netns?: string;
  /** The address it listens on and is probed at (default 127.0.0.1). */
  address?: string;
  /** How long it may take to answer /api/health (default 60 s). */
  startupMs?: number;
}

export async function startConsole(
  port: number,
  extraEnv: Record<string, string> = {},
  nodeArgs: string[] = [],
  opts: StartOptions = {},
): Promise<ConsoleProcess> {
  if (!consoleBuilt()) throw new Error("No build: run `npm run build` first.");
  const address = opts.address ?? "127.0.0.1";
  const argv = [...nodeArgs, ...SERVER_ARGS];
  // `ip netns exec` execs the command in place, so the child's pid is the console's own (SIGKILL reaches it).
  const [cmd, args] = opts.netns
    ? ["ip", ["netns", "exec", opts.netns, process.execPath, ...argv]]
    : [process.execPath, argv];
  const child: ChildProcess = spawn(cmd, args, {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: address,
      PUBLIC_URL: `http://${address}:${port}`,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), "mgc-bench-")),
      ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
      AUTH_SECRET: "bench-auth-secret-0123456789abcdef0123456789",
      ...extraEnv,
    },
    stdio: ["ignore", "ignore", opts.quiet ? "pipe" : "inherit"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => (stderr = (stderr + String(d)).slice(-200_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://${address}:${port}`;
  const deadline = Date.now() + (opts.startupMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`console on :${port} exited with ${child.exitCode}${stderr ? `:\n${stderr}` : ""}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      // Not left running on its port after the bench gives up on it.
      child.kill("SIGKILL");
      throw new Error(`console on ${address}:${port} did not become healthy${stderr ? `:\n${stderr}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    pid: child.pid!,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }
      return exited;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      return exited;
    },
    output: () => stderr,
  };
}

/** Signs in as the first admin through next-auth and returns a personal API token. */
export function adminToken(url: string): Promise<string> {
  return userToken(url, "admin@example.com", BENCH_ADMIN_PASSWORD);
}

/** Signs in as any user through next-auth and returns a personal API token of theirs. */
export async function userToken(url: string, email: string, password: string): Promise<string> {
  return (await signInToken(url, email, password, "bench")).token;
}

/** Signs in through next-auth and creates a personal API token named `name`: its secret and id. */
export async function signInToken(
  url: string,
  email: string,
  password: string,
  name: string,
): Promise<{ token: string; id: string }> {
  const csrfRes = await fetch(`${url}/api/auth/csrf`);
  const cookies = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const login = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies.join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.includes("session-token"));
  if (!session) throw new Error("sign-in failed");
  const res = await fetch(`${url}/api/console/api-tokens`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie: session, origin: url },
    body: JSON.stringify({ name }),
  });
  if (res.status !== 201) throw new Error(`${email} could not create an API token (${res.status})`);
  return (await res.json()) as { token: string; id: string };
}

export async function consoleApi(
  url: string,
  token: string,
  method: string,
  p: string,
  body?: unknown,
  contentType = "application/json",
) {
  const res = await fetch(`${url}${p}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": contentType },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  if (!res.ok && res.status !== 409) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res.json();
}
