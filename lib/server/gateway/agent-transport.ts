import "server-only";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { AuthInfo } from "@modelcontextprotocol/sdk/server/auth/types.js";
import type { Transport, TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import {
  ErrorCode,
  isInitializeRequest,
  type JSONRPCMessage,
  type MessageExtraInfo,
  type RequestId,
} from "@modelcontextprotocol/sdk/types.js";
import {
  jsonError,
  postedMessages,
  protocolOf,
  REFUSED,
  requestInfoOf,
  SESSION_NOT_FOUND,
  SSE_HEADERS,
  unsupportedVersion,
  writeEvent,
} from "./agent-wire";
import { SessionEventLog } from "./session-event-log";

/** A POST still unanswered after this long gets its SSE headers (then keep-alive comments), as the SDK's would have at once. */
const SSE_AFTER_MS = 1_000;

interface AnswerStream {
  /** Its number: the prefix of its events' ids (0 is the standalone GET stream). */
  no: number;
  res: ServerResponse;
  /** The protocol version the agent spoke on this POST (a priming event needs 2025-11-25 or later). */
  protocol: string;
  /** The requests of the POST, answered together. */
  ids: RequestId[];
  /** SSE once anything but the final answers is sent for it (or it waits long); until then nothing is written. */
  sse: boolean;
  /** Answers that came while it was undecided, in order. */
  held: JSONRPCMessage[];
  /** The agent went away before all answers. */
  gone: boolean;
  timer?: NodeJS.Timeout;
}

export interface AgentTransportOptions {
  sessionIdGenerator: () => string;
  onsessioninitialized?: (sessionId: string) => void;
  keepAliveMs: number;
  /** Bounds of the session's event store; without it (or with maxEvents 0) events carry no ids and nothing resumes. */
  events?: { maxEvents: number; retentionMs: number };
}

/** The standalone GET stream's number. */
const STANDALONE = 0;
/** Priming events (an id and empty data) only for agents that can read them, as the SDK decides (it exports no name for it). */
const PRIMING_SINCE = "2025-11-25";
// Not the SDK's isJSONRPCRequest / isJSONRPCResultResponse: each is a schema parse (~35 µs, see jsonrpc.ts) of a
// message that already passed one; these look at the keys only.
const isRequest = (m: JSONRPCMessage) => "method" in m && "id" in m;
const isAnswer = (m: JSONRPCMessage) => !("method" in m) && ("result" in m || "error" in m);

/**
 * The agent side of a gateway session: MCP Streamable HTTP (stateful) written
 * straight to Node's response — the SDK's StreamableHTTPServerTransport semantics without its
 * per-request Web Request, Response and ReadableStream. One difference, which the protocol
 * leaves to the server: a POST whose requests are all answered before anything else is sent for
 * them gets a single JSON body (one write) instead of an SSE stream; the first notification or
 * request related to it (progress, logging, sampling, elicitation), or a second's wait, makes it
 * an SSE stream, so messages during a call still reach the agent as they come.
 *
 * Resumability: every SSE event carries an id and is kept in the session's bounded event log
 * (so are the events of an SSE stream the agent dropped, until its requests are answered). A GET
 * with `Last-Event-ID` replays that stream's events after the id, once and in order, then goes on
 * as that stream if its requests are still being answered.
 */
export class AgentStreamableHttpTransport implements Transport {
  sessionId?: string;
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage, extra?: MessageExtraInfo) => void;

  private started = false;
  private initialized = false;
  private closed = false;
  private nextStream = 0;
  private readonly streams = new Map<number, AnswerStream>();
  private readonly streamOf = new Map<RequestId, number>();
  private readonly answers = new Map<RequestId, JSONRPCMessage>();
  private standalone: { res: ServerResponse; timer?: NodeJS.Timeout } | undefined;
  /** Whether the agent ever opened the standalone stream (only then are its events kept while it is away). */
  private standaloneOpened = false;
  private readonly log: SessionEventLog | undefined;

  constructor(private readonly opts: AgentTransportOptions) {
    this.log =
      opts.events && opts.events.maxEvents > 0
        ? new SessionEventLog(opts.events.maxEvents, opts.events.retentionMs)
        : undefined;
  }

  /** Whether the agent holds its standalone GET stream open. */
  get listening(): boolean {
    return this.standalone !== undefined;
  }

  /** The session's event log (tests look at its bounds). */
  get eventLog(): SessionEventLog | undefined {
    return this.log;
  }

  async start(): Promise<void> {
    if (this.started) throw new Error("Transport already started");
    this.started = true;
  }

  /** One HTTP request of the session; a POST's body arrives parsed (the gateway read it as JSON). */
  async handleRequest(
    req: IncomingMessage & { auth?: AuthInfo },
    res: ServerResponse,
    parsedBody?: unknown,
  ): Promise<void> {
    if (this.closed) return jsonError(res, 404, SESSION_NOT_FOUND, "Session not found");
    switch (req.method) {
      case "POST":
        try {
          return this.post(req, res, parsedBody);
        } catch (error) {
          this.onerror?.(error as Error);
          if (!res.headersSent) jsonError(res, 400, ErrorCode.ParseError, "Parse error", String(error));
          return;
        }
      case "GET":
        return this.get(req, res);
      case "DELETE":
        return this.delete(req, res);
      default:
        return this.refuse(res, 405, REFUSED, "Method not allowed.", { allow: "GET, POST, DELETE" });
    }
  }

  private post(req: IncomingMessage & { auth?: AuthInfo }, res: ServerResponse, body: unknown): void {
    const messages = postedMessages(req.headers.accept ?? "", body);
    if (!Array.isArray(messages)) return this.refuse(res, messages.status, messages.code, messages.message);
    const initializing = messages.some((m) => "method" in m && m.method === "initialize" && isInitializeRequest(m));
    if (initializing) {
      if (this.initialized && this.sessionId !== undefined)
        return this.refuse(res, 400, ErrorCode.InvalidRequest, "Invalid Request: Server already initialized");
      if (messages.length > 1)
        return this.refuse(
          res,
          400,
          ErrorCode.InvalidRequest,
          "Invalid Request: Only one initialization request is allowed",
        );
      this.sessionId = this.opts.sessionIdGenerator();
      this.initialized = true;
      this.opts.onsessioninitialized?.(this.sessionId);
    } else if (!this.checkSession(req, res)) return;
    if (this.closed) return jsonError(res, 404, SESSION_NOT_FOUND, "Session not found");

    const extra: MessageExtraInfo = { authInfo: req.auth, requestInfo: requestInfoOf(req) };
    const requests = messages.filter(isRequest) as (JSONRPCMessage & { id: RequestId })[];
    if (requests.length === 0) {
      for (const m of messages) this.onmessage?.(m, extra);
      res.writeHead(202).end();
      return;
    }
    const streamId = ++this.nextStream;
    const protocol = protocolOf(messages, req.headers["mcp-protocol-version"]);
    const stream: AnswerStream = {
      no: streamId,
      res,
      protocol,
      ids: requests.map((r) => r.id),
      sse: false,
      held: [],
      gone: false,
    };
    this.streams.set(streamId, stream);
    for (const id of stream.ids) this.streamOf.set(id, streamId);
    this.watch(stream, res);
    try {
      for (const m of messages) this.onmessage?.(m, extra);
    } catch (error) {
      clearTimeout(stream.timer);
      this.streams.delete(streamId);
      for (const id of stream.ids) this.streamOf.delete(id);
      throw error;
    }
    if (this.streams.get(streamId) === stream && !stream.gone) {
      stream.timer = setTimeout(() => this.toSse(stream), SSE_AFTER_MS);
      stream.timer.unref();
    }
  }

  private get(req: IncomingMessage, res: ServerResponse): void {
    if (!(req.headers.accept ?? "").includes("text/event-stream"))
      return this.refuse(res, 406, REFUSED, "Not Acceptable: Client must accept text/event-stream");
    if (!this.checkSession(req, res)) return;
    const lastEventId = req.headers["last-event-id"];
    if (typeof lastEventId === "string" && this.log) return this.resume(req, res, lastEventId);
    if (this.standalone) return this.refuse(res, 409, REFUSED, "Conflict: Only one SSE stream is allowed per session");
    this.openStandalone(res, String(req.headers["mcp-protocol-version"] ?? ""), []);
  }

  private openStandalone(res: ServerResponse, protocol: string, replay: { id: string; data: string }[]) {
    res.writeHead(200, this.sseHeaders());
    if (replay.length === 0 && !(this.log && protocol >= PRIMING_SINCE)) res.flushHeaders();
    if (this.log && protocol >= PRIMING_SINCE && replay.length === 0)
      writeEvent(res, null, this.log.add(STANDALONE, null));
    for (const e of replay) writeEvent(res, e.data, e.id);
    const standalone: { res: ServerResponse; timer?: NodeJS.Timeout } = { res, timer: this.keepAlive(res) };
    this.standalone = standalone;
    this.standaloneOpened = true;
    res.once("close", () => {
      clearInterval(standalone.timer);
      if (this.standalone === standalone) this.standalone = undefined;
    });
  }

  /**
   * A GET with Last-Event-ID: the events of that id's stream after it, once and in order; then,
   * while the stream's requests are still being answered (or for the standalone stream), this
   * response carries the stream on. An id the log no longer holds cannot be resumed exactly: 400.
   */
  private resume(req: IncomingMessage, res: ServerResponse, lastEventId: string): void {
    const found = this.log!.after(lastEventId);
    if (!found)
      return this.refuse(res, 400, REFUSED, "Bad Request: Last-Event-ID names no event this session still keeps");
    if (found.stream === STANDALONE) {
      if (this.standalone)
        return this.refuse(res, 409, REFUSED, "Conflict: Only one SSE stream is allowed per session");
      return this.openStandalone(res, String(req.headers["mcp-protocol-version"] ?? ""), found.events);
    }
    const stream = this.streams.get(found.stream);
    res.writeHead(200, this.sseHeaders());
    if (found.events.length === 0) res.flushHeaders();
    for (const e of found.events) writeEvent(res, e.data, e.id);
    if (!stream) return void res.end();
    // The stream goes on here; a connection it still had (the agent resumed early) ends.
    clearInterval(stream.timer);
    if (!stream.gone && stream.res !== res) stream.res.end();
    stream.res = res;
    stream.gone = false;
    stream.sse = true;
    stream.timer = this.keepAlive(res);
    this.watch(stream, res);
  }

  /** A stream's connection closing before its answers makes the stream gone (its events are still kept). */
  private watch(stream: AnswerStream, res: ServerResponse): void {
    res.once("close", () => {
      if (res.writableFinished || stream.res !== res) return;
      stream.gone = true;
      clearTimeout(stream.timer);
      clearInterval(stream.timer);
    });
  }

  private async delete(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!this.checkSession(req, res)) return;
    res.writeHead(200).end();
    await this.close();
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    const answer = isAnswer(message);
    const requestId = answer ? (message as { id: RequestId }).id : options?.relatedRequestId;
    if (requestId === undefined) {
      if (answer)
        throw new Error("Cannot send a response on a standalone SSE stream unless resuming a previous client request");
      const data = JSON.stringify(message);
      if (this.standalone) writeEvent(this.standalone.res, data, this.log?.add(STANDALONE, data));
      // Kept for an agent that reconnects its standalone stream with Last-Event-ID.
      else if (this.standaloneOpened) this.log?.add(STANDALONE, data);
      return;
    }
    const streamId = this.streamOf.get(requestId);
    if (streamId === undefined) throw new Error(`No connection established for request ID: ${String(requestId)}`);
    const stream = this.streams.get(streamId);
    if (!answer) {
      if (stream && !stream.gone) {
        this.toSse(stream);
        this.emit(stream, message);
      } else if (stream?.sse) this.emit(stream, message);
      return;
    }
    this.answers.set(requestId, message);
    if (stream && (!stream.gone || stream.sse)) {
      if (stream.sse) this.emit(stream, message);
      else stream.held.push(message);
    }
    const ids = stream?.ids ?? [requestId];
    if (!ids.every((id) => this.answers.has(id))) return;
    const all = ids.map((id) => this.answers.get(id)!);
    for (const id of ids) {
      this.answers.delete(id);
      this.streamOf.delete(id);
    }
    this.streams.delete(streamId);
    // An SSE stream the agent dropped was kept whole in the log: it can still resume and read its answers.
    if (stream?.gone && stream.sse && this.log) return;
    if (!stream || stream.gone) {
      if (this.closed) return;
      throw new Error(`No connection established for request ID: ${String(requestId)}`);
    }
    clearTimeout(stream.timer);
    clearInterval(stream.timer);
    if (stream.sse) return void stream.res.end();
    const text = JSON.stringify(all.length === 1 ? all[0] : all);
    stream.res
      .writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        ...this.sessionHeader(),
      })
      .end(text);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stream of this.streams.values()) {
      clearTimeout(stream.timer);
      if (stream.gone) continue;
      this.toSse(stream);
      stream.res.end();
    }
    this.streams.clear();
    this.answers.clear();
    if (this.standalone) {
      clearInterval(this.standalone.timer);
      this.standalone.res.end();
      this.standalone = undefined;
    }
    this.onclose?.();
  }

  /** Commits an undecided POST to SSE: headers, then the answers held so far. */
  private toSse(stream: AnswerStream): void {
    if (stream.sse) return;
    stream.sse = true;
    clearTimeout(stream.timer);
    stream.timer = this.keepAlive(stream.res);
    stream.res.writeHead(200, this.sseHeaders());
    const priming = this.log !== undefined && stream.protocol >= PRIMING_SINCE;
    if (stream.held.length === 0 && !priming) stream.res.flushHeaders();
    if (priming) writeEvent(stream.res, null, this.log!.add(stream.no, null));
    for (const m of stream.held) this.emit(stream, m);
    stream.held = [];
  }

  /** An event of a stream: kept in the log (with its id) and written when the agent is there to read it. */
  private emit(stream: AnswerStream, message: JSONRPCMessage): void {
    const data = JSON.stringify(message);
    const id = this.log?.add(stream.no, data);
    if (!stream.gone) writeEvent(stream.res, data, id);
  }

  private keepAlive(res: ServerResponse): NodeJS.Timeout | undefined {
    if (!Number.isFinite(this.opts.keepAliveMs) || this.opts.keepAliveMs < 1) return undefined;
    const timer = setInterval(() => {
      if (res.writableEnded || res.destroyed) clearInterval(timer);
      else res.write(": keepalive\n\n");
    }, this.opts.keepAliveMs);
    timer.unref();
    return timer;
  }

  private checkSession(req: IncomingMessage, res: ServerResponse): boolean {
    if (!this.initialized) return (this.refuse(res, 400, REFUSED, "Bad Request: Server not initialized"), false);
    const sessionId = req.headers["mcp-session-id"];
    if (!sessionId) return (this.refuse(res, 400, REFUSED, "Bad Request: Mcp-Session-Id header is required"), false);
    if (sessionId !== this.sessionId) return (this.refuse(res, 404, SESSION_NOT_FOUND, "Session not found"), false);
    const unsupported = unsupportedVersion(req.headers["mcp-protocol-version"]);
    if (unsupported) return (this.refuse(res, unsupported.status, unsupported.code, unsupported.message), false);
    return true;
  }

  private refuse(
    res: ServerResponse,
    status: number,
    code: number,
    message: string,
    headers: OutgoingHttpHeaders = {},
  ): void {
    this.onerror?.(new Error(message));
    jsonError(res, status, code, message, undefined, headers);
  }

  private sessionHeader(): Record<string, string> {
    return this.sessionId === undefined ? {} : { "mcp-session-id": this.sessionId };
  }

  private sseHeaders(): OutgoingHttpHeaders {
    return { ...SSE_HEADERS, ...this.sessionHeader() };
  }
}
