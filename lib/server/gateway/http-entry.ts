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
import { SPAN, tracedUnder } from "../telemetry/spans";
import { leanRequest, writeWebResponse } from "../node-bridge";
import { SsrfBlockedError } from "../ssrf";
import { countAuthFailure } from "../metrics/rollups";
import { recordAudit } from "../audit";
import { GatewaySession } from "./session";
import { loadUpstream, upstreamTransport } from "./upstream";
import { log } from "../log";

export const GATEWAY_PATH = /^\/mcp\/(development|staging|production)\/([a-z0-9][a-z0-9._-]{0,62})\/?$/;
const MAX_BODY = 4 * 1024 * 1024;
const MAX_SESSIONS = 5_000;

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
  const sessions = new Map<string, GatewaySession>();
  const getPrisma = opts.prisma ?? (async () => (await getDb()).prisma);
  const e0 = env();
  const idleMs = (opts.sessionIdleSec ?? e0.GATEWAY_SESSION_IDLE_SEC) * 1000;
  const perAgent = opts.maxSessionsPerAgent ?? e0.GATEWAY_MAX_SESSIONS_PER_AGENT;
  const events = {
    maxEvents: opts.eventStoreEvents ?? e0.GATEWAY_EVENT_STORE_EVENTS,
    retentionMs: (opts.eventRetentionSec ?? e0.GATEWAY_EVENT_RETENTION_SEC) * 1000,
  };
  // Sessions being opened, per agent: they count towards the cap before they are registered.
  const opening = new Map<string, number>();
  // Sessions chosen to be closed for a new one (their audit event is being written).
  const evicting = new WeakSet<GatewaySession>();
  const reserve = (clientId: string) => opening.set(clientId, (opening.get(clientId) ?? 0) + 1);
  const release = (clientId: string) => {
    const left = (opening.get(clientId) ?? 1) - 1;
    if (left > 0) opening.set(clientId, left);
    else opening.delete(clientId);
  };
  const sweepEveryMs = Math.min(60_000, Math.max(1_000, Math.floor(idleMs / 4)));
  const sweeper = setInterval(() => {
    const now = Date.now();
    for (const s of sessions.values()) if (!s.busy() && now - s.lastSeen > idleMs) void s.close();
  }, sweepEveryMs);
  sweeper.unref();

  /**
   * Room for one more session of this agent: at its cap, its least recently used idle session
   * (no request in flight; one without a listening GET stream first) is closed, logged and
   * audited. Refuses only when every one of its sessions is busy, or the gateway is full.
   */
  async function makeRoom(
    prisma: PrismaClient,
    agent: AgentPrincipal,
    environment: Environment,
    serverName: string,
  ): Promise<{ ok: true } | { ok: false; status: number; type: string; detail: string; retryAfterSec: number }> {
    if (sessions.size + [...opening.values()].reduce((a, b) => a + b, 0) >= MAX_SESSIONS) {
      // The sweeper frees the next idle session when its idle time runs out: that is when to come back.
      const now = Date.now();
      const next = Math.min(...[...sessions.values()].filter((s) => !s.busy()).map((s) => s.lastSeen + idleMs));
      const waitMs = Number.isFinite(next) ? Math.max(0, next - now) + sweepEveryMs : sweepEveryMs;
      return {
        ok: false,
        status: 503,
        type: "gateway-full",
        detail: "The gateway holds as many sessions as it can.",
        retryAfterSec: Math.ceil(waitMs / 1000),
      };
    }
    const mine = [...sessions.values()].filter((s) => s.clientId === agent.clientId && !evicting.has(s));
    if (mine.length + (opening.get(agent.clientId) ?? 0) < perAgent) {
      reserve(agent.clientId);
      return { ok: true };
    }
    const idle = mine
      .filter((s) => !s.busy())
      .sort((a, b) => Number(a.transport.listening) - Number(b.transport.listening) || a.lastSeen - b.lastSeen);
    const victim = idle[0];
    if (!victim) {
      return {
        ok: false,
        status: 429,
        type: "too-many-sessions",
        detail: `All ${mine.length} of this agent's gateway sessions have a request in flight; one is closed for a new session as soon as its requests end.`,
        retryAfterSec: 1,
      };
    }
    const idleSec = Math.round((Date.now() - victim.lastSeen) / 1000);
    evicting.add(victim);
    reserve(agent.clientId);
    // Fail closed: a session is closed for another only once the audit trail says so.
    try {
      await recordAudit(prisma, {
        actor: { type: "agent", id: agent.agentId, label: agent.clientId },
        action: "gateway.session_evicted",
        target: { type: "agent", id: agent.agentId },
        environment,
        data: {
          reason: "per_agent_session_cap",
          cap: perAgent,
          server: victim.key,
          idle_sec: idleSec,
          for_server: `${environment}/${serverName}`,
        },
      });
    } catch (err) {
      evicting.delete(victim);
      release(agent.clientId);
      throw err;
    }
    log.info(
      { agent: agent.clientId, session_server: victim.key, idle_sec: idleSec, cap: perAgent },
      "gateway: closed the agent's least recently used idle session: it is at its session cap",
    );
    void victim.close();
    return { ok: true };
  }

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
    const auth = await tracedUnder(req.headers, SPAN.token, () =>
      authenticateAgent(head, { resourceUrl: resourceUrlFor(canonicalPath), prisma, rawHeaders: req.rawHeaders }),
    );
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
    const upstream = await loadUpstream(prisma, environment, serverName);
    if (!upstream.ok)
      return fail(
        upstream.refusal.status,
        upstream.refusal.code,
        upstream.refusal.status === 404 ? "Not found" : "Forbidden",
        upstream.refusal.detail,
      );
    let room: Awaited<ReturnType<typeof makeRoom>>;
    try {
      room = await makeRoom(prisma, agent, environment, serverName);
    } catch {
      return fail(503, "unavailable", "Service unavailable", "The console cannot record session changes right now.", {
        "retry-after": "1",
      });
    }
    if (!room.ok)
      return fail(
        room.status,
        room.type,
        room.status === 429 ? "Too many requests" : "Service unavailable",
        room.detail,
        { "retry-after": String(room.retryAfterSec) },
      );
    // makeRoom reserved a place for this session (in `opening`) until it is registered.
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
          events,
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
      release(agent.clientId);
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
