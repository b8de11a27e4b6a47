import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isInitializeRequest, type ClientCapabilities } from "@modelcontextprotocol/sdk/types.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import type { Environment } from "@/lib/policy";
import { getDb } from "../db";
import { checkJsonShape } from "../handler";
import { HttpProblem, problemResponse } from "../errors";
import { resourceUrlFor } from "../identity/metadata";
import { authenticateAgent, type AgentPrincipal } from "../identity/token-guard";
import { leanRequest, writeWebResponse } from "../node-bridge";
import { SsrfBlockedError } from "../ssrf";
import { countAuthFailure } from "../metrics/rollups";
import { GatewaySession } from "./session";
import { loadUpstream, upstreamTransport } from "./upstream";

export const GATEWAY_PATH = /^\/mcp\/(development|staging|production)\/([a-z0-9][a-z0-9._-]{0,62})\/?$/;
const MAX_BODY = 4 * 1024 * 1024;
const SESSION_IDLE_MS = 30 * 60_000;
const MAX_SESSIONS_PER_AGENT = 32;
const MAX_SESSIONS = 5_000;

export interface GatewayOptions {
  prisma?: () => Promise<PrismaClient>;
  /** Overrides GATEWAY_APPROVAL_WAIT_SEC (tests). */
  approvalWaitSec?: number;
}

export function isGatewayPath(path: string): boolean {
  return GATEWAY_PATH.test(path);
}

/**
 * `/mcp/<environment>/<server>`: MCP Streamable HTTP for agents. Host and Origin are checked
 * (DNS rebinding), the bearer token on every request (SPEC §3 steps 1–2), and each session
 * belongs to the agent that opened it; everything else is the session's (lib/server/gateway/session.ts).
 */
export function createGateway(opts: GatewayOptions = {}) {
  const sessions = new Map<string, GatewaySession>();
  const getPrisma = opts.prisma ?? (async () => (await getDb()).prisma);
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const s of sessions.values()) if (now - s.lastSeen > SESSION_IDLE_MS) void s.close();
  }, 60_000);
  sweeper.unref();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const e = env();
    const path = (req.url ?? "/").split("?")[0];
    const match = GATEWAY_PATH.exec(path)!;
    const environment = match[1] as Environment;
    const serverName = match[2];
    const canonicalPath = `/mcp/${environment}/${serverName}`;
    // URL and headers only: the body stays unread for the transport.
    const head = leanRequest(req, e.PUBLIC_URL);
    const fail = (status: number, type: string, title: string, detail: string, headers: Record<string, string> = {}) =>
      writeWebResponse(
        res,
        problemResponse(
          new HttpProblem(status, type, title, detail, { headers }),
          head.headers.get("x-request-id") ?? crypto.randomUUID(),
        ),
      );

    const rebinding = checkHostAndOrigin(req, e.PUBLIC_URL);
    if (rebinding) return fail(403, "forbidden-origin", "Forbidden", rebinding);

    let prisma: PrismaClient;
    try {
      prisma = await getPrisma();
    } catch {
      return fail(503, "unavailable", "Service unavailable", "The console cannot serve the gateway right now.", {
        "retry-after": "1",
      });
    }
    const auth = await authenticateAgent(head, {
      resourceUrl: resourceUrlFor(canonicalPath),
      prisma,
      rawHeaders: req.rawHeaders,
    });
    if (!auth.ok) return writeWebResponse(res, countAuthFailure(auth.response, head, prisma, environment));
    const agent = auth.agent;
    if (agent.environment !== environment) {
      const problem = new HttpProblem(
        403,
        "environment-mismatch",
        "Forbidden",
        `This agent belongs to ${agent.environment}; it cannot reach servers of ${environment}.`,
      );
      return writeWebResponse(
        res,
        countAuthFailure(problemResponse(problem, crypto.randomUUID()), head, prisma, agent.environment),
      );
    }
    (req as IncomingMessage & { auth?: unknown }).auth = {
      token: "",
      clientId: agent.clientId,
      scopes: agent.scopes,
      expiresAt: Math.floor(agent.tokenExpiresAt.getTime() / 1000),
      extra: { principal: agent },
    };

    const sessionId = req.headers["mcp-session-id"];
    if (typeof sessionId === "string") {
      const session = sessions.get(sessionId);
      // Another agent's session id is as unknown as a made-up one.
      if (!session || session.clientId !== agent.clientId || session.key !== `${environment}/${serverName}`)
        return sessionNotFound(res);
      session.touch();
      const body = req.method === "POST" ? await readJson(head, req, res) : undefined;
      if (body === INVALID) return;
      return session.transport.handleRequest(req, res, body);
    }
    if (req.method !== "POST") return jsonRpcError(res, 400, -32000, "Bad Request: Mcp-Session-Id header is required");
    const body = await readJson(head, req, res);
    if (body === INVALID) return;
    if (!isInitializeRequest(body))
      return jsonRpcError(res, 400, -32000, "Bad Request: no session; send an initialize request first");
    if (
      sessions.size >= MAX_SESSIONS ||
      [...sessions.values()].filter((s) => s.clientId === agent.clientId).length >= MAX_SESSIONS_PER_AGENT
    ) {
      return fail(
        429,
        "too-many-sessions",
        "Too many requests",
        "Too many open gateway sessions; close some (DELETE) first.",
        { "retry-after": "5" },
      );
    }
    const upstream = await loadUpstream(prisma, environment, serverName);
    if (!upstream.ok)
      return fail(
        upstream.refusal.status,
        upstream.refusal.code,
        upstream.refusal.status === 404 ? "Not found" : "Forbidden",
        upstream.refusal.detail,
      );
    let session: GatewaySession;
    try {
      session = await GatewaySession.open(
        {
          prisma,
          environment,
          server: serverName,
          clientId: agent.clientId,
          approvalWaitSec: opts.approvalWaitSec ?? e.GATEWAY_APPROVAL_WAIT_SEC,
          upstream: upstreamTransport(upstream.entry),
          agentCapabilities: (body.params.capabilities ?? {}) as ClientCapabilities,
          onClosed: (s) => {
            if (s.transport.sessionId) sessions.delete(s.transport.sessionId);
          },
        },
        (id, s) => sessions.set(id, s),
      );
    } catch (err) {
      const blocked = ssrfCause(err);
      const why = blocked
        ? `the SSRF guard refused its URL (${blocked.reason})`
        : "it could not be reached or did not answer as an MCP server";
      return fail(502, "upstream-unreachable", "Bad gateway", `The MCP server ${serverName}: ${why}.`);
    }
    await session.transport.handleRequest(req, res, body);
    if (!session.transport.sessionId) await session.close();
  }

  return {
    handle: (req: IncomingMessage, res: ServerResponse) =>
      handle(req, res).catch(() => {
        if (!res.headersSent) jsonRpcError(res, 500, ErrorInternal, "Internal error");
        else res.end();
      }),
    sessions,
    async close() {
      clearInterval(sweeper);
      await Promise.allSettled([...sessions.values()].map((s) => s.close()));
    },
  };
}

const ErrorInternal = -32603;

function ssrfCause(err: unknown): SsrfBlockedError | null {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    if (e instanceof SsrfBlockedError) return e;
  }
  return null;
}

const INVALID = Symbol("invalid");

const ownOrigins = new Map<string, { origin: string; hosts: Set<string> }>();

/** DNS-rebinding protection: Host must be the console's own; a browser Origin must be the console's. */
export function checkHostAndOrigin(req: IncomingMessage, publicUrl: string): string | null {
  let own = ownOrigins.get(publicUrl);
  if (!own) {
    const pub = new URL(publicUrl);
    const defaultPort = pub.protocol === "https:" ? "443" : "80";
    own = {
      origin: pub.origin,
      hosts: new Set([pub.host.toLowerCase(), `${pub.hostname.toLowerCase()}:${pub.port || defaultPort}`]),
    };
    ownOrigins.set(publicUrl, own);
  }
  if (!own.hosts.has((req.headers.host ?? "").toLowerCase())) return "The Host header does not name this console.";
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== own.origin) return "Requests from this origin are not allowed.";
  return null;
}

async function readJson(
  head: ReturnType<typeof leanRequest>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<unknown> {
  const type = (req.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    jsonRpcError(res, 415, -32000, "Unsupported Media Type: Content-Type must be application/json");
    return INVALID;
  }
  let text: string;
  try {
    text = await head.readBody(MAX_BODY);
  } catch (err) {
    if (!(err instanceof HttpProblem)) throw err;
    if (err.status === 413) jsonRpcError(res, 413, -32000, "Payload Too Large");
    else jsonRpcError(res, err.status, -32700, `Parse error: ${err.detail}`);
    return INVALID;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    jsonRpcError(res, 400, -32700, "Parse error: Invalid JSON");
    return INVALID;
  }
  try {
    // What the decision row could not store (a lone surrogate, 1e400, NUL) is refused here, alone.
    checkJsonShape(value, "body");
  } catch (err) {
    if (!(err instanceof HttpProblem)) throw err;
    jsonRpcError(res, 400, -32600, `Invalid Request: ${err.detail}`);
    return INVALID;
  }
  return value;
}

function jsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  const body = JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null });
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    "x-content-type-options": "nosniff",
  });
  res.end(body);
}

function sessionNotFound(res: ServerResponse): void {
  jsonRpcError(res, 404, -32001, "Session not found");
}

export type { AgentPrincipal };
