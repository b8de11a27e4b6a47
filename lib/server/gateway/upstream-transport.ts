import "server-only";
import type { IncomingMessage } from "node:http";
import { StringDecoder } from "node:string_decoder";
import {
  StreamableHTTPClientTransport,
  StreamableHTTPError,
  type StreamableHTTPClientTransportOptions,
} from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  isInitializedNotification,
  type JSONRPCMessage,
  type MessageExtraInfo,
  type RequestId,
} from "@modelcontextprotocol/sdk/types.js";
import { createParser } from "eventsource-parser";
import { consumeBody, type GuardedHttp } from "../ssrf";
import { isResultMessage, parseJsonRpcMessage } from "./jsonrpc";
import { forwardedHeaders } from "../receipts/forwarded-headers";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

type ReconnectOptions = {
  resumptionToken: string | undefined;
  onresumptiontoken?: (token: string) => void;
  replayMessageId?: string | number;
};

/**
 * What the transport hands with a message that arrived on the answer to a POST: the
 * `relatedRequestId` the POSTed request was sent with (the gateway's own request it serves).
 * The response stream of a POST belongs to that one request, so every message on it —
 * progress, logging, sampling, elicitation — is related to it, whether or not the upstream
 * numbers its events.
 */
export interface UpstreamMessageExtra extends MessageExtraInfo {
  relatedRequestId?: RequestId;
}

/**
 * The SDK's Streamable HTTP client transport, with the session's ordinary POSTs (requests,
 * responses and notifications once the session exists) sent through the SSRF guard's plain
 * request and their JSON or SSE answers parsed straight from Node's stream — no Web Request,
 * Response or stream per message. Everything else (initialize, the standalone GET stream,
 * resumption, redirects, DELETE) stays the SDK's own, through the guarded fetch, so the
 * protocol behaviour is the SDK's; every connection either way is one the guard checked.
 */
export class GuardedStreamableHttpTransport extends StreamableHTTPClientTransport {
  /** Bodies being read: dropped on close. */
  private readonly inFlight = new Set<{ destroy: () => void }>();
  /** Aborts POSTs still waiting for their headers on close. */
  private readonly closed = new AbortController();
  private closing = false;

  constructor(
    private readonly endpoint: URL,
    private readonly guarded: GuardedHttp,
    private readonly extraHeaders: Record<string, string>,
    opts: StreamableHTTPClientTransportOptions,
  ) {
    super(endpoint, { ...opts, fetch: guarded.fetch, requestInit: { ...opts.requestInit, headers: extraHeaders } });
  }

  override async send(message: JSONRPCMessage | JSONRPCMessage[], options?: TransportSendOptions): Promise<void> {
    // Before the session exists (initialize), when resuming, and for the message that opens the GET stream: the SDK's path.
    // (The method is compared first: the SDK's check is a schema parse, ~30 µs per message here.)
    if (
      !this.sessionId ||
      options?.resumptionToken ||
      this.closing ||
      (!Array.isArray(message) &&
        "method" in message &&
        message.method === "notifications/initialized" &&
        isInitializedNotification(message))
    ) {
      return super.send(message, options);
    }
    let incoming: IncomingMessage;
    try {
      incoming = await this.post(message);
    } catch (error) {
      this.onerror?.(error as Error);
      throw error;
    }
    const status = incoming.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      // Not processed upstream: the SDK follows same-origin redirects, each hop through the guard.
      incoming.destroy();
      return super.send(message, options);
    }
    try {
      if (status < 200 || status > 299) {
        const text = await this.text(incoming).catch(() => null);
        throw new StreamableHTTPError(status, `Error POSTing to endpoint: ${text}`);
      }
      const hasRequests = (Array.isArray(message) ? message : [message]).some(
        (m) => "method" in m && "id" in m && m.id !== undefined,
      );
      if (status === 202 || !hasRequests) return void incoming.resume();
      const contentType = incoming.headers["content-type"];
      const mediaType = (contentType ?? "").split(";")[0].trim().toLowerCase();
      const related: UpstreamMessageExtra | undefined =
        options?.relatedRequestId === undefined ? undefined : { relatedRequestId: options.relatedRequestId };
      if (mediaType === "text/event-stream") return this.readSse(incoming, options?.onresumptiontoken, related);
      if (mediaType !== "application/json") {
        incoming.destroy();
        throw new StreamableHTTPError(-1, `Unexpected content type: ${contentType}`);
      }
      const data: unknown = JSON.parse(await this.text(incoming));
      const messages = Array.isArray(data) ? data.map((m) => parseJsonRpcMessage(m)) : [parseJsonRpcMessage(data)];
      for (const m of messages) this.deliver(m, related);
    } catch (error) {
      this.onerror?.(error as Error);
      throw error;
    }
  }

  override async close(): Promise<void> {
    this.closing = true;
    this.closed.abort(new Error("the transport was closed"));
    for (const r of this.inFlight) r.destroy();
    this.inFlight.clear();
    await super.close();
  }

  /** The headers the SDK sends with a POST: session and protocol version, the upstream's credentials over them, then content type and accept. */
  private async post(message: JSONRPCMessage | JSONRPCMessage[]): Promise<IncomingMessage> {
    const headers: Record<string, string> = { "mcp-session-id": this.sessionId! };
    if (this.protocolVersion) headers["mcp-protocol-version"] = this.protocolVersion;
    for (const [name, value] of Object.entries(this.extraHeaders)) headers[name.toLowerCase()] = value;
    headers["content-type"] = "application/json";
    headers.accept = "application/json, text/event-stream";
    forwardedHeaders(message, headers);
    return this.guarded.request(this.endpoint.href, {
      method: "POST",
      headers,
      body: JSON.stringify(message),
      signal: this.closed.signal,
    });
  }

  private text(incoming: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const stop = consumeBody(incoming, this.guarded.maxBytes, {
        data: (c) => chunks.push(c),
        end: () => {
          this.inFlight.delete(handle);
          resolve(Buffer.concat(chunks).toString("utf8"));
        },
        error: (error) => {
          this.inFlight.delete(handle);
          reject(error);
        },
      });
      const handle = {
        destroy: () => {
          stop();
          reject(new Error("the transport was closed"));
        },
      };
      this.inFlight.add(handle);
    });
  }

  /** An SSE answer to a POST, as the SDK reads one: resumption tokens reported, messages dispatched, a resumable stream that ends early resumed. */
  private readSse(
    incoming: IncomingMessage,
    onresumptiontoken: ((token: string) => void) | undefined,
    related: UpstreamMessageExtra | undefined,
  ): void {
    const decoder = new StringDecoder("utf8");
    let lastEventId: string | undefined;
    let receivedResponse = false;
    // One event per microtask, in order, as the SDK's stream reader delivers them: the Protocol runs
    // notification handlers a microtask later, so a progress notification is handled before the
    // response that follows it in the same chunk ends its request.
    const queue: (() => void)[] = [];
    let draining = false;
    const later = (step: () => void) => {
      queue.push(step);
      if (!draining) void drain();
    };
    const drain = async () => {
      draining = true;
      for (let step = queue.shift(); step; step = queue.shift()) {
        step();
        await null;
      }
      draining = false;
    };
    const parser = createParser({
      onEvent: (event) =>
        later(() => {
          if (event.id) {
            lastEventId = event.id;
            onresumptiontoken?.(event.id);
          }
          if (!event.data || (event.event && event.event !== "message")) return;
          try {
            const message = parseJsonRpcMessage(JSON.parse(event.data));
            if (isResultMessage(message)) receivedResponse = true;
            this.deliver(message, related);
          } catch (error) {
            this.onerror?.(error as Error);
          }
        }),
      onRetry: (ms) => ((this as unknown as { _serverRetryMs?: number })._serverRetryMs = ms),
    });
    const finished = (error?: unknown) => {
      this.inFlight.delete(handle);
      if (error !== undefined) this.onerror?.(new Error(`SSE stream disconnected: ${error}`));
      // A POST's stream can be resumed only when the upstream primed it with event ids (as the SDK decides).
      if (receivedResponse || lastEventId === undefined || this.closing) return;
      this.resume({ resumptionToken: lastEventId, onresumptiontoken });
    };
    const handle = {
      destroy: consumeBody(incoming, this.guarded.maxBytes, {
        data: (chunk) => parser.feed(decoder.write(chunk)),
        end: () => {
          parser.feed(decoder.end());
          later(() => finished());
        },
        error: (error) => later(() => finished(error)),
      }),
    };
    this.inFlight.add(handle);
  }

  /** Hands a message on with what the SDK's transport type leaves out: the request its stream answers. */
  private deliver(message: JSONRPCMessage, related: UpstreamMessageExtra | undefined): void {
    (this.onmessage as ((m: JSONRPCMessage, extra?: UpstreamMessageExtra) => void) | undefined)?.(message, related);
  }

  /** The SDK's own reconnection (GET with Last-Event-ID, its delays and retries). */
  private resume(options: ReconnectOptions): void {
    const sdk = this as unknown as { _scheduleReconnection?: (options: ReconnectOptions, attempt: number) => void };
    if (typeof sdk._scheduleReconnection === "function") sdk._scheduleReconnection(options, 0);
    else
      this.resumeStream(options.resumptionToken!, { onresumptiontoken: options.onresumptiontoken }).catch(
        (error: unknown) => this.onerror?.(error as Error),
      );
  }
}
