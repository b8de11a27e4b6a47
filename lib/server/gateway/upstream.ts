import "server-only";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import type { Environment } from "@/lib/policy";
import { openJson } from "../crypto-box";
import { CREDENTIALS_PURPOSE } from "../catalog/servers";
import { createGuardedHttp, type GuardedHttp } from "../ssrf";
import { GuardedStreamableHttpTransport } from "./upstream-transport";

/** The catalog entry the gateway connects to, with what it needs to reach it. */
export interface UpstreamEntry {
  id: string;
  environment: Environment;
  name: string;
  transport: "remote_http" | "stdio";
  url: string | null;
  command: string | null;
  headers: Record<string, string>;
}

export type UpstreamRefusal = { status: 403 | 404 | 503; code: string; detail: string };

/**
 * The catalogued server behind `/mcp/<environment>/<server>`: active, in that environment,
 * stdio only in development and only with an allowlisted executable.
 */
export async function loadUpstream(
  prisma: PrismaClient,
  environment: Environment,
  name: string,
): Promise<{ ok: true; entry: UpstreamEntry } | { ok: false; refusal: UpstreamRefusal }> {
  const row = await prisma.server.findUnique({ where: { environment_name: { environment, name } } });
  if (!row)
    return {
      ok: false,
      refusal: {
        status: 404,
        code: "unknown-server",
        detail: `No server named ${name} is catalogued in ${environment}.`,
      },
    };
  if (row.status !== "active")
    return {
      ok: false,
      refusal: { status: 403, code: "server-suspended", detail: `The server ${name} is suspended in ${environment}.` },
    };
  if (row.transport === "stdio") {
    if (environment !== "development")
      return {
        ok: false,
        refusal: { status: 403, code: "stdio-not-allowed", detail: "stdio servers run only in development." },
      };
    const argv = parseCommand(row.command ?? "");
    if (!argv.length || !env().GATEWAY_STDIO_ALLOW.includes(argv[0])) {
      return {
        ok: false,
        refusal: {
          status: 403,
          code: "stdio-command-not-allowed",
          detail: "This server's command is not in GATEWAY_STDIO_ALLOW.",
        },
      };
    }
  } else if (row.transport !== "remote_http" || !row.url) {
    return {
      ok: false,
      refusal: { status: 503, code: "upstream-misconfigured", detail: "The catalog entry has no URL to reach." },
    };
  }
  let headers: Record<string, string> = {};
  if (row.credentialsEnc) {
    try {
      headers = openJson<{ headers?: Record<string, string> }>(row.credentialsEnc, CREDENTIALS_PURPOSE).headers ?? {};
    } catch {
      return {
        ok: false,
        refusal: {
          status: 503,
          code: "upstream-credentials-unreadable",
          detail: "The upstream's stored credentials cannot be decrypted.",
        },
      };
    }
  }
  return {
    ok: true,
    entry: {
      id: row.id,
      environment,
      name,
      transport: row.transport as UpstreamEntry["transport"],
      url: row.url,
      command: row.command,
      headers,
    },
  };
}

/** Splits a command line into argv without a shell: whitespace separates, double quotes group. */
export function parseCommand(command: string): string[] {
  return (command.match(/"[^"]*"|\S+/g) ?? []).map((t) =>
    t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1) : t,
  );
}

// One guarded client (and so one connection pool) per environment: every upstream socket is one the SSRF guard checked.
const clients = new Map<Environment, GuardedHttp>();

function guardedHttp(environment: Environment): GuardedHttp {
  let c = clients.get(environment);
  if (!c) {
    // The long-lived GET stream of a session carries many messages: a generous byte limit per response.
    c = createGuardedHttp({
      environment,
      allowHosts: env().SSRF_ALLOW_HOSTS,
      timeoutMs: 15_000,
      maxBytes: 64 * 1024 * 1024,
    });
    clients.set(environment, c);
  }
  return c;
}

/**
 * A client transport to the upstream, carrying the upstream's own credentials (never the
 * agent's token): Streamable HTTP through the SSRF guard, or a stdio child started without a
 * shell and without the console's environment (no secrets of the console leak into it).
 */
export function upstreamTransport(entry: UpstreamEntry): Transport {
  if (entry.transport === "stdio") {
    const [command, ...args] = parseCommand(entry.command ?? "");
    return new StdioClientTransport({
      command,
      args,
      env: getDefaultEnvironment(),
      stderr: "ignore",
      cwd: process.cwd(),
    });
  }
  return new GuardedStreamableHttpTransport(new URL(entry.url!), guardedHttp(entry.environment), entry.headers, {
    reconnectionOptions: {
      initialReconnectionDelay: 1_000,
      maxReconnectionDelay: 30_000,
      reconnectionDelayGrowFactor: 1.5,
      maxRetries: 2,
    },
  });
}
