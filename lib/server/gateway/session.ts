import "server-only";
import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { RequestOptions } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  CallToolRequestSchema,
  CompleteRequestSchema,
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListRootsRequestSchema,
  ListToolsRequestSchema,
  ListToolsResultSchema,
  McpError,
  ReadResourceRequestSchema,
  ResultSchema,
  RootsListChangedNotificationSchema,
  SetLevelRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
  type ClientCapabilities,
  type InitializeRequest,
  type JSONRPCMessage,
  type RequestId,
  type ServerCapabilities,
  type Tool,
} from "@modelcontextprotocol/sdk/types.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/policy";
import type { CatalogTool } from "../catalog/catalog-view";
import type { AgentPrincipal } from "../identity/token-guard";
import { AgentStreamableHttpTransport } from "./agent-transport";
import { enforceToolCall, type AgentExtra } from "./call-tool";
import { tracedToolCall } from "../telemetry/tool-call-span";
import { gatewayError, GatewayErrorCode, onTheWire } from "./errors";
import { inspectPassThrough } from "./pass-through";
import type { UpstreamMessageExtra } from "./upstream-transport";
import { serverAllowedForReads, visibleTools } from "./tool-visibility";
import { log } from "../log";

const CONNECT_TIMEOUT_MS = 15_000;
const PASS_THROUGH_TIMEOUT_MS = 120_000;
const RELAYED_REQUESTS = new Set(["sampling/createMessage", "elicitation/create", "roots/list"]);
const GATEWAY_INFO = { name: "mcp-governance-console-gateway", version: "1.0.0" };

export interface SessionOptions {
  prisma: PrismaClient;
  environment: Environment;
  server: string;
  clientId: string;
  approvalWaitSec: number;
  upstream: Transport;
  /** What the agent declared in its initialize request: mirrored to the upstream. */
  agentCapabilities: ClientCapabilities;
  /** The agent-side event store's bounds (resumption with Last-Event-ID). */
  events: { maxEvents: number; retentionMs: number };
  onClosed: (session: GatewaySession) => void;
}

/** The agent principal of the HTTP request that carried this message (authenticated per request). */
function principalOf(extra: AgentExtra): AgentPrincipal {
  const principal = extra.authInfo?.extra?.principal as AgentPrincipal | undefined;
  if (!principal) throw new McpError(ErrorCode.InvalidRequest, "Unauthenticated.");
  return principal;
}

/**
 * One agent session at /mcp/<environment>/<server>: an MCP server towards the agent and an
 * MCP client towards the upstream (its own upstream session), bound to the agent's client id.
 */
export class GatewaySession {
  readonly clientId: string;
  readonly key: string;
  readonly transport: AgentStreamableHttpTransport;
  lastSeen = Date.now();
  private readonly agentSide: Server;
  private readonly upstreamSide: Client;
  private readonly inflight = new Map<RequestId, AgentExtra>();
  /** Agent request whose upstream stream delivered the message being dispatched now. */
  private streamOwner: RequestId | undefined;
  /** Upstream request id → the agent request it arrived during (for sampling, elicitation, roots). */
  private readonly upstreamRoutes = new Map<RequestId, RequestId | undefined>();
  private closed = false;

  private constructor(
    private readonly opts: SessionOptions,
    upstreamSide: Client,
    agentSide: Server,
    transport: AgentStreamableHttpTransport,
  ) {
    this.clientId = opts.clientId;
    this.key = `${opts.environment}/${opts.server}`;
    this.upstreamSide = upstreamSide;
    this.agentSide = agentSide;
    this.transport = transport;
  }

  /** Connects the upstream first (its capabilities become the gateway's), then readies the agent side. */
  static async open(opts: SessionOptions, register: (id: string, s: GatewaySession) => void): Promise<GatewaySession> {
    const caps = opts.agentCapabilities;
    const clientCaps: ClientCapabilities = {
      ...(caps.sampling ? { sampling: caps.sampling } : {}),
      ...(caps.elicitation ? { elicitation: caps.elicitation } : {}),
      ...(caps.roots ? { roots: caps.roots } : {}),
    };
    const upstream = new Client(GATEWAY_INFO, { capabilities: clientCaps });
    let session: GatewaySession | undefined;
    const toAgent =
      (method: string) =>
      async (
        req: { method: string; params?: Record<string, unknown> },
        extra: { requestId: RequestId; signal: AbortSignal },
      ) => {
        if (!session) throw new McpError(ErrorCode.InternalError, "Session not ready.");
        return session.relayToAgent(req, extra.requestId, extra.signal, method);
      };
    if (clientCaps.sampling)
      upstream.setRequestHandler(CreateMessageRequestSchema, toAgent("sampling/createMessage") as never);
    if (clientCaps.elicitation) upstream.setRequestHandler(ElicitRequestSchema, toAgent("elicitation/create") as never);
    if (clientCaps.roots) upstream.setRequestHandler(ListRootsRequestSchema, toAgent("roots/list") as never);

    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        upstream.connect(opts.upstream),
        new Promise(
          (_, reject) =>
            (timer = setTimeout(() => reject(new Error("upstream connect timed out")), CONNECT_TIMEOUT_MS)),
        ),
      ]);
    } catch (err) {
      await upstream.close().catch(() => {});
      throw err;
    } finally {
      clearTimeout(timer);
    }

    const upstreamCaps = upstream.getServerCapabilities() ?? {};
    const info = upstream.getServerVersion();
    const agentSide = new Server(
      info ? { name: info.name, version: info.version, ...(info.title ? { title: info.title } : {}) } : GATEWAY_INFO,
      {
        capabilities: mirroredCapabilities(upstreamCaps),
        instructions: upstream.getInstructions(),
      },
    );
    const transport = new AgentStreamableHttpTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => register(id, session!),
      keepAliveMs: 15_000,
      events: opts.events,
    });
    session = new GatewaySession(opts, upstream, agentSide, transport);
    session.wire(upstreamCaps);
    await agentSide.connect(transport);
    return session;
  }

  private wire(caps: ServerCapabilities): void {
    const { agentSide: agent, upstreamSide: upstream } = this;
    const track = <T>(extra: AgentExtra, run: () => Promise<T>): Promise<T> => {
      this.inflight.set(extra.requestId, extra);
      return run()
        .catch((err: unknown) => {
          throw agentFacing(err, this.opts.server);
        })
        .finally(() => this.inflight.delete(extra.requestId));
    };
    // The upstream transport tags what arrives on a POST's answer with relatedRequestId; a
    // resumed stream (the SDK's GET with Last-Event-ID) is told apart by its resumption tokens.
    const streamOptions = (extra: AgentExtra): Pick<RequestOptions, "onresumptiontoken" | "relatedRequestId"> => ({
      relatedRequestId: extra.requestId,
      onresumptiontoken: () => {
        this.streamOwner = extra.requestId;
        queueMicrotask(() => (this.streamOwner = undefined));
      },
    });
    const relay =
      (method: string, opts: { read?: boolean; inspect?: boolean } = {}) =>
      async (req: { params?: Record<string, unknown> }, extra: AgentExtra) =>
        track(extra, async () => {
          const principal = principalOf(extra);
          if (opts.read && !(await serverAllowedForReads(this.opts.prisma, principal, this.opts.server))) {
            throw gatewayError(GatewayErrorCode.Denied, `Policy allows this agent no reads on ${this.opts.server}.`, {
              reason: "server_not_allowed",
            });
          }
          const result = await upstream.request({ method, params: req.params } as never, ResultSchema, {
            signal: extra.signal,
            timeout: PASS_THROUGH_TIMEOUT_MS,
            ...streamOptions(extra),
          });
          return opts.inspect ? inspectPassThrough(method, req.params, result) : result;
        });

    if (caps.tools) {
      agent.setRequestHandler(ListToolsRequestSchema, (req, extra) =>
        track(extra, async () => {
          const principal = principalOf(extra);
          const page = await upstream.request({ method: "tools/list", params: req.params }, ListToolsResultSchema, {
            signal: extra.signal,
            timeout: PASS_THROUGH_TIMEOUT_MS,
            ...streamOptions(extra),
          });
          const visible = await visibleTools(
            this.opts.prisma,
            principal,
            this.opts.server,
            page.tools.map((t) => t.name),
          );
          return {
            ...page,
            tools: page.tools.filter((t) => visible.has(t.name)).map((t) => classified(t, visible.get(t.name)!)),
          };
        }),
      );
      agent.setRequestHandler(CallToolRequestSchema, (req, extra) =>
        track(extra, () =>
          tracedToolCall(req, extra, { server: this.opts.server, environment: principalOf(extra).environment }, () =>
            enforceToolCall(
              {
                prisma: this.opts.prisma,
                upstream,
                server: this.opts.server,
                agent: principalOf(extra),
                approvalWaitSec: this.opts.approvalWaitSec,
                upstreamOptions: streamOptions(extra),
              },
              req,
              extra,
            ),
          ),
        ),
      );
    }
    if (caps.resources) {
      agent.setRequestHandler(ListResourcesRequestSchema, relay("resources/list", { read: true }) as never);
      agent.setRequestHandler(
        ListResourceTemplatesRequestSchema,
        relay("resources/templates/list", { read: true }) as never,
      );
      agent.setRequestHandler(
        ReadResourceRequestSchema,
        relay("resources/read", { read: true, inspect: true }) as never,
      );
      if (caps.resources.subscribe) {
        agent.setRequestHandler(SubscribeRequestSchema, relay("resources/subscribe", { read: true }) as never);
        agent.setRequestHandler(UnsubscribeRequestSchema, relay("resources/unsubscribe") as never);
      }
    }
    if (caps.prompts) {
      agent.setRequestHandler(ListPromptsRequestSchema, relay("prompts/list", { read: true }) as never);
      agent.setRequestHandler(GetPromptRequestSchema, relay("prompts/get", { read: true, inspect: true }) as never);
    }
    if (caps.completions)
      agent.setRequestHandler(CompleteRequestSchema, relay("completion/complete", { read: true }) as never);
    if (caps.logging) agent.setRequestHandler(SetLevelRequestSchema, relay("logging/setLevel") as never);
    agent.setNotificationHandler(RootsListChangedNotificationSchema, () =>
      upstream.notification({ method: "notifications/roots/list_changed" }).catch(() => {}),
    );

    // Messages the upstream sends on its own go to the agent as they come: on the stream of the
    // call whose upstream stream carried them, else (the upstream's GET stream) on the agent's
    // standalone stream.
    const upstreamTransport = upstream.transport!;
    const dispatch = upstreamTransport.onmessage!;
    const streams = upstreamTransport instanceof StreamableHTTPClientTransport;
    upstreamTransport.onmessage = (message: JSONRPCMessage, extra?: UpstreamMessageExtra) => {
      const route = this.routeOf(extra?.relatedRequestId, streams);
      if (
        "method" in message &&
        !("id" in message) &&
        message.method !== "notifications/progress" &&
        message.method !== "notifications/cancelled"
      ) {
        void this.relayNotification(message as { method: string; params?: Record<string, unknown> }, route);
        return;
      }
      if ("method" in message && "id" in message && RELAYED_REQUESTS.has(message.method))
        this.upstreamRoutes.set(message.id, route);
      dispatch.call(upstreamTransport, message, extra);
    };
    upstream.onclose = () => void this.close();
    agent.onclose = () => void this.close();
  }

  /**
   * The agent request a message from the upstream belongs to: the one whose upstream POST
   * stream carried it (tagged by the transport, or known from a resumed stream's event ids).
   * Over HTTP anything else came on the upstream's standalone stream and is unrelated — unless
   * the agent holds no standalone stream to take it, when a lone call in flight carries it rather
   * than nothing; over stdio, which has no streams, a lone call in flight is the only clue there is.
   */
  private routeOf(tagged: RequestId | undefined, streams: boolean): RequestId | undefined {
    if (tagged !== undefined && this.inflight.has(tagged)) return tagged;
    if (this.streamOwner !== undefined && this.inflight.has(this.streamOwner)) return this.streamOwner;
    if ((!streams || !this.transport.listening) && this.inflight.size === 1) return this.inflight.keys().next().value;
    return undefined;
  }

  private async relayNotification(
    message: { method: string; params?: Record<string, unknown> },
    route: RequestId | undefined,
  ): Promise<void> {
    try {
      const related = route === undefined ? undefined : this.inflight.get(route);
      if (related) await related.sendNotification(message as never);
      else await this.agentSide.notification(message as never);
    } catch {
      // The agent's stream is gone or it did not declare the capability: nothing to deliver to.
    }
  }

  private async relayToAgent(
    req: { method: string; params?: Record<string, unknown> },
    upstreamId: RequestId,
    signal: AbortSignal,
    method: string,
  ) {
    const route = this.upstreamRoutes.get(upstreamId);
    this.upstreamRoutes.delete(upstreamId);
    const related = route === undefined ? undefined : this.inflight.get(route);
    const request = { method, params: req.params } as never;
    const options = { signal, timeout: PASS_THROUGH_TIMEOUT_MS };
    return related
      ? related.sendRequest(request, ResultSchema, options)
      : this.agentSide.request(request, ResultSchema, options);
  }

  /** Whether a request of the agent is being answered (such a session is never closed for another). */
  busy(): boolean {
    return this.inflight.size > 0;
  }

  touch(): void {
    this.lastSeen = Date.now();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.opts.onClosed(this);
    const upstreamTransport = this.upstreamSide.transport;
    if (upstreamTransport instanceof StreamableHTTPClientTransport)
      await upstreamTransport.terminateSession().catch(() => {});
    await Promise.allSettled([this.upstreamSide.close(), this.agentSide.close()]);
  }
}

/** Errors the agent sees: MCP errors as they are (the gateway's own, or the upstream's), anything else without its internal message. */
function agentFacing(err: unknown, server: string): McpError {
  if (err instanceof McpError) return onTheWire(err);
  if (err instanceof StreamableHTTPError || (err instanceof TypeError && err.message === "fetch failed")) {
    return onTheWire(
      gatewayError(GatewayErrorCode.UpstreamUnavailable, `The upstream server ${server} could not be reached.`, {
        reason: "upstream_unavailable",
      }),
    );
  }
  log.error({ error_type: err instanceof Error ? err.name : typeof err, server }, "gateway request failed");
  return onTheWire(new McpError(ErrorCode.InternalError, "The gateway could not complete the request."));
}

/** What the gateway offers the agent: what the upstream offers, minus tasks (a task's result would bypass inspection). */
function mirroredCapabilities(up: ServerCapabilities): ServerCapabilities {
  return {
    ...(up.tools ? { tools: { ...(up.tools.listChanged ? { listChanged: true } : {}) } } : {}),
    ...(up.resources
      ? {
          resources: {
            ...(up.resources.subscribe ? { subscribe: true } : {}),
            ...(up.resources.listChanged ? { listChanged: true } : {}),
          },
        }
      : {}),
    ...(up.prompts ? { prompts: { ...(up.prompts.listChanged ? { listChanged: true } : {}) } } : {}),
    ...(up.completions ? { completions: {} } : {}),
    ...(up.logging ? { logging: {} } : {}),
  };
}

/** The upstream's tool with the catalog's class and risk: hints follow the catalog (a policy author may have overridden them). */
function classified(tool: Tool, c: CatalogTool): Tool {
  return {
    ...tool,
    annotations: {
      ...(tool.annotations ?? {}),
      readOnlyHint: c.action === "read",
      ...(c.action !== "read" && c.risk === "high" ? { destructiveHint: true } : {}),
    },
    _meta: { ...(tool._meta ?? {}), "governance-console/classification": { action: c.action, risk: c.risk } },
  };
}

export type { InitializeRequest };
