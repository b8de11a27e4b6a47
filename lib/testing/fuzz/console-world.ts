// A real console process (server.ts through startConsole) with the seed's world set up through its
// public API: shared by the fault tests, the hostile-input tests and `npm run soak`.
import { AgentClient } from "@/lib/agent-client";
import { adminToken, consoleApi, startConsole, userToken, type ConsoleProcess } from "@/scripts/bench/console-process";
import { createAgent, seedWorld } from "@/scripts/lib/seed-world";
import { freePort } from "../server-everything";

export interface ApiAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface WorldConsole {
  proc: ConsoleProcess;
  url: string;
  adminToken: string;
  /** Any request as the admin (or another token); never throws on a status. */
  call(
    method: string,
    path: string,
    opts?: { body?: unknown; contentType?: string; token?: string | null; headers?: Record<string, string> },
  ): Promise<ApiAnswer>;
  /** Seeding helper: throws unless 2xx (or 409 = already there). */
  seed(method: string, path: string, body?: unknown, contentType?: string): Promise<unknown>;
}

export const FAULTS_ENCRYPTION_KEY = "faults-encryption-key-0123456789abcdef";

export async function startWorldConsole(opts: {
  databaseUrl: string;
  port?: number;
  env?: Record<string, string>;
  quiet?: boolean;
  publicUrl?: string;
}): Promise<WorldConsole> {
  const port = opts.port ?? (await freePort());
  const proc = await startConsole(
    port,
    {
      DATABASE_URL: opts.databaseUrl,
      ENCRYPTION_KEY: FAULTS_ENCRYPTION_KEY,
      LOG_LEVEL: "warn",
      ...(opts.publicUrl ? { PUBLIC_URL: opts.publicUrl } : {}),
      ...opts.env,
    },
    [],
    { quiet: opts.quiet ?? true },
  );
  return attachWorld(proc, await adminToken(proc.url));
}

/** Wraps a started console with call helpers for the given admin token. */
export function attachWorld(proc: ConsoleProcess, token: string): WorldConsole {
  const url = proc.url;
  return {
    proc,
    url,
    adminToken: token,
    async call(method, path, o = {}) {
      const bearer = o.token === undefined ? token : o.token;
      const headers: Record<string, string> = {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        ...o.headers,
      };
      let body: string | undefined;
      if (o.body !== undefined) {
        headers["content-type"] ??= o.contentType ?? "application/json";
        body = typeof o.body === "string" ? o.body : JSON.stringify(o.body);
      }
      const res = await fetch(`${url}${path}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    seed: (method, path, body, contentType) => consoleApi(url, token, method, path, body, contentType),
  };
}

/** The seed's four servers and policy in an environment, through the API. */
export function seedProduction(world: WorldConsole, environment = "production"): Promise<void> {
  return seedWorld((m, p, b, ct) => world.seed(m, p, b, ct), environment);
}

export interface WorldAgent {
  id: string;
  clientId: string;
  clientSecret: string;
  client: AgentClient;
}

export async function newAgent(
  world: WorldConsole,
  name: string,
  scopes: string[],
  environment = "production",
  baseUrl = world.url,
): Promise<WorldAgent> {
  const a = await createAgent((m, p, b, ct) => world.seed(m, p, b, ct), name, scopes, environment);
  return {
    id: a.id,
    clientId: a.client_id,
    clientSecret: a.client_secret,
    client: new AgentClient({ baseUrl, clientId: a.client_id, clientSecret: a.client_secret, scopes }),
  };
}

/** A user of the given role and a personal API token of theirs (signed in through next-auth). */
export async function newUserToken(world: WorldConsole, role: string, email: string): Promise<string> {
  const password = `faults-${role}-password-1`;
  const res = await world.call("POST", "/api/console/users", { body: { email, name: role, role, password } });
  if (res.status !== 201 && res.status !== 409)
    throw new Error(`user ${email}: ${res.status} ${JSON.stringify(res.body)}`);
  return userToken(world.url, email, password);
}

export interface DecisionAnswer {
  status: number;
  decisionId: string | null;
  decision: string | null;
  reason: string | null;
  /** The problem's detail or type, for diagnostics. */
  detail: string | null;
  sentAt: number;
  answeredAt: number;
  error?: string;
}

/** One POST /api/v1/decisions with a raw bearer token, recorded with its timing; network errors are answers too. */
export async function postDecision(url: string, token: string, call: Record<string, unknown>): Promise<DecisionAnswer> {
  const sentAt = performance.now();
  try {
    const res = await fetch(`${url}/api/v1/decisions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(call),
    });
    const text = await res.text();
    let body: { decision_id?: string; decision?: string; reason?: string; detail?: string; type?: string } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // an empty or non-JSON answer is recorded by its status alone
    }
    return {
      status: res.status,
      decisionId: body.decision_id ?? null,
      decision: body.decision ?? null,
      reason: body.reason ?? null,
      detail: body.detail ?? body.type ?? (text ? null : "(empty body)"),
      sentAt,
      answeredAt: performance.now(),
    };
  } catch (err) {
    return {
      status: 0,
      decisionId: null,
      decision: null,
      reason: null,
      detail: null,
      sentAt,
      answeredAt: performance.now(),
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

/**
 * Steady decision load: `workers` loops, each sending one call then pausing `pauseMs`, until
 * stopped. Every answer (and every network error) is kept.
 */
export function decisionLoad(
  url: () => string,
  token: () => Promise<string>,
  call: Record<string, unknown> | ((n: number) => Record<string, unknown>),
  workers = 6,
  pauseMs = 5,
) {
  const answers: DecisionAnswer[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      answers.push(await postDecision(url(), await token(), typeof call === "function" ? call(n++) : call));
      if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    }
  });
  return {
    answers,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

export function countBy<T>(items: T[], key: (t: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const i of items) out[key(i)] = (out[key(i)] ?? 0) + 1;
  return out;
}
