import "server-only";
import { randomUUID } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
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
} from "@modelcontextprotocol/sdk/types.js";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/policy";
import type { AgentPrincipal } from "../identity/token-guard";
import { AgentStreamableHttpTransport } from "./agent-transport";
import { enforceToolCall, type AgentExtra } from "./call-tool";
import { tracedToolCall } from "../telemetry/tool-call-span";
import { gatewayError, GatewayErrorCode } from "./errors";
import { inspectPassThrough } from "./pass-through";
import type { UpstreamMessageExtra } from "./upstream-transport";
import { serverAllowedForReads, visibleTools } from "./tool-visibility";
import { agentFacing, classified, mirroredCapabilities } from "./session-shapes";

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
    if (caps.tools) this.wireTools();
    this.wirePassThrough(caps);
    this.agentSide.setNotificationHandler(RootsListChangedNotificationSchema, () =>
      this.upstreamSide.notification({ method: "notifications/roots/list_changed" }).catch(() => {}),
    );
    this.routeUpstreamMessages();
    this.upstreamSide.onclose = () => void this.close();
    this.agentSide.onclose = () => void this.close();
  }

  /** Runs an agent request while it is counted in flight; its errors become what the agent may see. */
  private track<T>(extra: AgentExtra, run: () => Promise<T>): Promise<T> {
    this.inflight.set(extra.requestId, extra);
    return run()
      .catch((err: unknown) => {
        throw agentFacing(err, this.opts.server);
      })
      .finally(() => this.inflight.delete(extra.requestId));
  }

  /**
   * Options of an upstream request made for `extra`. The upstream transport tags what arrives on a POST's answer
   * with relatedRequestId; a resumed stream (the SDK's GET with Last-Event-ID) is told apart by its resumption tokens.
   */
  private streamOptions(extra: AgentExtra): Pick<RequestOptions, "onresumptiontoken" | "relatedRequestId"> {
    return {
      relatedRequestId: extra.requestId,
      onresumptiontoken: () => {
        this.streamOwner = extra.requestId;
        queueMicrotask(() => (this.streamOwner = undefined));
      },
    };
  }

  /** tools/list filtered and classified by the catalog; tools/call through the enforcement pipeline. */
  private wireTools(): void {
    const { agentSide: agent, upstreamSide: upstream } = this;
    agent.setRequestHandler(ListToolsRequestSchema, (req, extra) =>
      this.track(extra, async () => {
        const principal = principalOf(extra);
        const page = await upstream.request({ method: "tools/list", params: req.params }, ListToolsResultSchema, {
          signal: extra.signal,
          timeout: PASS_THROUGH_TIMEOUT_MS,
          ...this.streamOptions(extra),
        });
        const names = page.tools.map((t) => t.name);
        const visible = await visibleTools(this.opts.prisma, principal, this.opts.server, names);
        return {
          ...page,
          tools: page.tools.filter((t) => visible.has(t.name)).map((t) => classified(t, visible.get(t.name)!)),
        };
      }),
    );
    agent.setRequestHandler(CallToolRequestSchema, (req, extra) =>
      this.track(extra, () =>
        tracedToolCall(req, extra, { server: this.opts.server, environment: principalOf(extra).environment }, (trace) =>
          enforceToolCall(
            {
              prisma: this.opts.prisma,
              upstream,
              server: this.opts.server,
              agent: principalOf(extra),
              approvalWaitSec: this.opts.approvalWaitSec,
              upstreamOptions: this.streamOptions(extra),
              trace,
            },
            req,
            extra,
          ),
        ),
      ),
    );
  }

  /** A handler that passes `method` to the upstream: reads need the policy to allow the server, some results are inspected. */
  private relay(method: string, opts: { read?: boolean; inspect?: boolean } = {}) {
    return async (req: { params?: Record<string, unknown> }, extra: AgentExtra) =>
      this.track(extra, async () => {
        const principal = principalOf(extra);
        if (opts.read && !(await serverAllowedForReads(this.opts.prisma, principal, this.opts.server))) {
          throw gatewayError(GatewayErrorCode.Denied, `Policy allows this agent no reads on ${this.opts.server}.`, {
            reason: "server_not_allowed",
          });
        }
        const result = await this.upstreamSide.request({ method, params: req.params } as never, ResultSchema, {
          signal: extra.signal,
          timeout: PASS_THROUGH_TIMEOUT_MS,
          ...this.streamOptions(extra),
        });
        return opts.inspect ? inspectPassThrough(method, req.params, result) : result;
      });
  }

  /** Resources, prompts, completions and logging pass through, as far as the upstream offers them. */
  private wirePassThrough(caps: ServerCapabilities): void {
    const agent = this.agentSide;
    if (caps.resources) {
      agent.setRequestHandler(ListResourcesRequestSchema, this.relay("resources/list", { read: true }) as never);
      agent.setRequestHandler(
        ListResourceTemplatesRequestSchema,
        this.relay("resources/templates/list", { read: true }) as never,
      );
      agent.setRequestHandler(
        ReadResourceRequestSchema,
        this.relay("resources/read", { read: true, inspect: true }) as never,
      );
      if (caps.resources.subscribe) {
        agent.setRequestHandler(SubscribeRequestSchema, this.relay("resources/subscribe", { read: true }) as never);
        agent.setRequestHandler(UnsubscribeRequestSchema, this.relay("resources/unsubscribe") as never);
      }
    }
    if (caps.prompts) {
      agent.setRequestHandler(ListPromptsRequestSchema, this.relay("prompts/list", { read: true }) as never);
      agent.setRequestHandler(
        GetPromptRequestSchema,
        this.relay("prompts/get", { read: true, inspect: true }) as never,
      );
    }
    if (caps.completions)
      agent.setRequestHandler(CompleteRequestSchema, this.relay("completion/complete", { read: true }) as never);
    if (caps.logging) agent.setRequestHandler(SetLevelRequestSchema, this.relay("logging/setLevel") as never);
  }

  /**
   * Messages the upstream sends on its own go to the agent as they come: on the stream of the call whose upstream
   * stream carried them, else (the upstream's GET stream) on the agent's standalone stream.
   */
  private routeUpstreamMessages(): void {
    const upstreamTransport = this.upstreamSide.transport!;
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

export type { InitializeRequest };
