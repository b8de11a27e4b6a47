import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type ClientCapabilities,
  ErrorCode,
  type InitializeRequest,
  isInitializeRequest,
} from "@modelcontextprotocol/sdk/types.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import type { Environment } from "@/lib/policy";
import { getDb } from "../db";
import { checkJsonShape } from "../handler";
import { HttpProblem, problemResponse } from "../errors";
import { resourceUrlFor } from "../identity/metadata";
import { authenticateAgent, type AgentPrincipal } from "../identity/token-guard";
import { SPAN, tracedUnder } from "../telemetry/spans";
import { leanRequest, writeWebResponse } from "../node-bridge";
import { SsrfBlockedError } from "../ssrf";
import { countAuthFailure } from "../metrics/rollups";
import { REFUSED, SESSION_NOT_FOUND } from "./agent-wire";
import { GatewaySession } from "./session";
import { type Room, SessionRegistry } from "./session-registry";
import { loadUpstream, upstreamTransport } from "./upstream";

export const GATEWAY_PATH = /^\/mcp\/(development|staging|production)\/([a-z0-9][a-z0-9._-]{0,62})\/?$/;
const MAX_BODY = 4 * 1024 * 1024;

export interface GatewayOptions {
  prisma?: () => Promise<PrismaClient>;
  /** Overrides GATEWAY_APPROVAL_WAIT_SEC (tests). */
  approvalWaitSec?: number;
  /** Override GATEWAY_SESSION_IDLE_SEC, GATEWAY_MAX_SESSIONS_PER_AGENT, GATEWAY_EVENT_STORE_EVENTS and GATEWAY_EVENT_RETENTION_SEC (tests). */
  sessionIdleSec?: number;
  maxSessionsPerAgent?: number;
  eventStoreEvents?: number;
  eventRetentionSec?: number;
}

export function isGatewayPath(path: string): boolean {
  return GATEWAY_PATH.test(path);
}

/**
 * `/mcp/<environment>/<server>`: MCP Streamable HTTP for agents. Host and Origin are checked
 * (DNS rebinding), the bearer token on every request (docs/order-of-checks.md#1-authenticate, #2-scope), and each session
 * belongs to the agent that opened it; everything else is the session's (lib/server/gateway/session.ts).
 */
export function createGateway(opts: GatewayOptions = {}) {
  const e0 = env();
  const registry = new SessionRegistry(
    (opts.sessionIdleSec ?? e0.GATEWAY_SESSION_IDLE_SEC) * 1000,
    opts.maxSessionsPerAgent ?? e0.GATEWAY_MAX_SESSIONS_PER_AGENT,
  );
  const gateway: Gateway = {
    getPrisma: opts.prisma ?? (async () => (await getDb()).prisma),
    registry,
    approvalWaitSec: opts.approvalWaitSec,
    events: {
      maxEvents: opts.eventStoreEvents ?? e0.GATEWAY_EVENT_STORE_EVENTS,
      retentionMs: (opts.eventRetentionSec ?? e0.GATEWAY_EVENT_RETENTION_SEC) * 1000,
    },
  };
  return {
    handle: (req: IncomingMessage, res: ServerResponse) =>
      handle(gateway, req, res).catch(() => {
        if (!res.headersSent) jsonRpcError(res, 500, ErrorCode.InternalError, "Internal error");
        else res.end();
      }),
    sessions: registry.sessions,
    close: () => registry.close(),
  };
}

/** What every request of one gateway shares. */
interface Gateway {
  getPrisma: () => Promise<PrismaClient>;
  registry: SessionRegistry;
  approvalWaitSec: number | undefined;
  events: { maxEvents: number; retentionMs: number };
}

/** One HTTP request to the gateway, its target and how to refuse it (problem+json). */
interface GatewayCall {
  req: IncomingMessage;
  res: ServerResponse;
  head: ReturnType<typeof leanRequest>;
  environment: Environment;
  serverName: string;
  fail: (status: number, type: string, title: string, detail: string, headers?: Record<string, string>) => void;
}

async function handle(gateway: Gateway, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const e = env();
  const match = GATEWAY_PATH.exec((req.url ?? "/").split("?")[0])!;
  // URL and headers only: the body stays unread for the transport.
  const head = leanRequest(req, e.PUBLIC_URL);
  const fail: GatewayCall["fail"] = (status, type, title, detail, headers = {}) => {
    const requestId = head.headers.get("x-request-id") ?? crypto.randomUUID();
    writeWebResponse(res, problemResponse(new HttpProblem(status, type, title, detail, { headers }), requestId));
  };
  const call: GatewayCall = { req, res, head, environment: match[1] as Environment, serverName: match[2], fail };
  const admitted = await admit(gateway, call, e.PUBLIC_URL);
  if (!admitted) return;

  const sessionId = req.headers["mcp-session-id"];
  if (typeof sessionId === "string") {
    const session = gateway.registry.sessions.get(sessionId);
    // Another agent's session id is as unknown as a made-up one.
    if (
      !session ||
      session.clientId !== admitted.agent.clientId ||
      session.key !== `${call.environment}/${call.serverName}`
    )
      return sessionNotFound(res);
    session.touch();
    const body = req.method === "POST" ? await readJson(head, req, res) : undefined;
    if (body === INVALID) return;
    return session.transport.handleRequest(req, res, body);
  }
  if (req.method !== "POST") return jsonRpcError(res, 400, REFUSED, "Bad Request: Mcp-Session-Id header is required");
  const body = await readJson(head, req, res);
  if (body === INVALID) return;
  if (!isInitializeRequest(body))
    return jsonRpcError(res, 400, REFUSED, "Bad Request: no session; send an initialize request first");
  return openSession(gateway, call, admitted, body);
}

/**
 * Who may call: the Host and Origin are the console's, the database answers, the bearer token is valid for this
 * resource and its agent belongs to the path's environment. The agent then rides on the request (`req.auth`).
 */
async function admit(
  gateway: Gateway,
  call: GatewayCall,
  publicUrl: string,
): Promise<{ prisma: PrismaClient; agent: AgentPrincipal } | undefined> {
  const { req, res, head, environment, fail } = call;
  const rebinding = checkHostAndOrigin(req, publicUrl);
  if (rebinding) return void fail(403, "forbidden-origin", "Forbidden", rebinding);
  let prisma: PrismaClient;
  try {
    prisma = await gateway.getPrisma();
  } catch {
    const detail = "The console cannot serve the gateway right now.";
    return void fail(503, "unavailable", "Service unavailable", detail, { "retry-after": "1" });
  }
  const resourceUrl = resourceUrlFor(`/mcp/${environment}/${call.serverName}`);
  const auth = await tracedUnder(req.headers, SPAN.token, () =>
    authenticateAgent(head, { resourceUrl, prisma, rawHeaders: req.rawHeaders }),
  );
  if (!auth.ok) return void writeWebResponse(res, countAuthFailure(auth.response, head, prisma, environment));
  const agent = auth.agent;
  if (agent.environment !== environment) {
    const detail = `This agent belongs to ${agent.environment}; it cannot reach servers of ${environment}.`;
    const problem = new HttpProblem(403, "environment-mismatch", "Forbidden", detail);
    const response = problemResponse(problem, crypto.randomUUID());
    return void writeWebResponse(res, countAuthFailure(response, head, prisma, agent.environment));
  }
  (req as IncomingMessage & { auth?: unknown }).auth = {
    token: "",
    clientId: agent.clientId,
    scopes: agent.scopes,
    expiresAt: Math.floor(agent.tokenExpiresAt.getTime() / 1000),
    extra: { principal: agent },
  };
  return { prisma, agent };
}

/** An initialize request without a session: the upstream must be known and allowed, and the agent have room. */
async function openSession(
  gateway: Gateway,
  call: GatewayCall,
  { prisma, agent }: { prisma: PrismaClient; agent: AgentPrincipal },
  body: InitializeRequest,
): Promise<void> {
  const { environment, serverName, fail } = call;
  const upstream = await loadUpstream(prisma, environment, serverName);
  if (!upstream.ok) {
    const { status, code, detail } = upstream.refusal;
    return fail(status, code, status === 404 ? "Not found" : "Forbidden", detail);
  }
  let room: Room;
  try {
    room = await gateway.registry.makeRoom(prisma, agent, environment, serverName);
  } catch {
    const detail = "The console cannot record session changes right now.";
    return fail(503, "unavailable", "Service unavailable", detail, { "retry-after": "1" });
  }
  if (!room.ok) {
    const title = room.status === 429 ? "Too many requests" : "Service unavailable";
    return fail(room.status, room.type, title, room.detail, { "retry-after": String(room.retryAfterSec) });
  }
  // makeRoom reserved a place for this session until it is registered.
  let session: GatewaySession;
  try {
    const { sessions } = gateway.registry;
    session = await GatewaySession.open(
      {
        prisma,
        environment,
        server: serverName,
        clientId: agent.clientId,
        approvalWaitSec: gateway.approvalWaitSec ?? env().GATEWAY_APPROVAL_WAIT_SEC,
        upstream: upstreamTransport(upstream.entry),
        agentCapabilities: (body.params.capabilities ?? {}) as ClientCapabilities,
        events: gateway.events,
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
  } finally {
    gateway.registry.release(agent.clientId);
  }
  await session.transport.handleRequest(call.req, call.res, body);
  if (!session.transport.sessionId) await session.close();
}

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
    jsonRpcError(res, 415, REFUSED, "Unsupported Media Type: Content-Type must be application/json");
    return INVALID;
  }
  let text: string;
  try {
    text = await head.readBody(MAX_BODY);
  } catch (err) {
    if (!(err instanceof HttpProblem)) throw err;
    if (err.status === 413) jsonRpcError(res, 413, REFUSED, "Payload Too Large");
    else jsonRpcError(res, err.status, ErrorCode.ParseError, `Parse error: ${err.detail}`);
    return INVALID;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    jsonRpcError(res, 400, ErrorCode.ParseError, "Parse error: Invalid JSON");
    return INVALID;
  }
  try {
    // What the decision row could not store (a lone surrogate, 1e400, NUL) is refused here, alone.
    checkJsonShape(value, "body");
  } catch (err) {
    if (!(err instanceof HttpProblem)) throw err;
    jsonRpcError(res, 400, ErrorCode.InvalidRequest, `Invalid Request: ${err.detail}`);
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
  jsonRpcError(res, 404, SESSION_NOT_FOUND, "Session not found");
}

export type { AgentPrincipal };
