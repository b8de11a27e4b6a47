import "server-only";
import http, { type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import https from "node:https";
import { isIPv6, type LookupFunction } from "node:net";
import { memoize } from "@/lib/memo";
import { checkUrlSyntax, type SsrfEnvironment } from "@/lib/net/url-policy";
import { checkResolution, checkUrl, type HostResolver, type UrlCheckResult } from "./check-url";
import { networkError, SsrfBlockedError } from "./errors";
import { responseFromIncoming } from "./response-from-node";

export interface GuardedFetchOptions {
  environment: SsrfEnvironment;
  allowHosts: string[];
  /** Overall limit from the call until the final response's headers, across redirects. */
  timeoutMs?: number;
  /** Limit on the (decoded) response body; the body stream errors past it. */
  maxBytes?: number;
  maxRedirects?: number;
  /** DNS resolution; defaults to dns.lookup({ all: true }). Injectable for tests. */
  resolve?: HostResolver;
  /** PEM certificates trusted for https instead of the system's (a receiver with a private CA). */
  ca?: string;
}

interface Hop {
  url: string;
  method: string;
  headers: Headers;
  body: Uint8Array | null;
}

interface Agents {
  "http:": http.Agent;
  "https:": https.Agent;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Syntax verdicts a guard keeps (URLs it was asked for); all are dropped when it is full. */
const SYNTAX_VERDICTS = 256;
// Set by the connection itself, never by the caller (fetch's forbidden request headers that matter here).
const CONNECTION_HEADERS = new Set([
  "host",
  "content-length",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
  "proxy-connection",
  "expect",
]);
const BODY_HEADERS = ["content-type", "content-encoding", "content-language", "content-location", "content-length"];
const CREDENTIAL_HEADERS = ["authorization", "cookie", "proxy-authorization"];

function requestUrl(input: RequestInfo | URL): string {
  if (input instanceof URL) return input.href;
  if (typeof input === "string") return input;
  return input.url;
}

/** A lookup that answers only with the addresses the guard checked, so the socket cannot be rebound to another. */
function pinnedLookup(addresses: string[]): LookupFunction {
  return (hostname, options, callback) => {
    const all = addresses.map((address) => ({ address, family: isIPv6(address) ? 6 : 4 }));
    const wanted = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
    if (wanted.length === 0) {
      const error: NodeJS.ErrnoException = new Error(`no checked IPv${options.family} address for ${hostname}`);
      error.code = "ENOTFOUND";
      return callback(error, "", 0);
    }
    if (options.all) return callback(null, wanted);
    callback(null, wanted[0].address, wanted[0].family);
  };
}

function outgoingHeaders(hop: Hop): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  hop.headers.forEach((value, name) => {
    if (!CONNECTION_HEADERS.has(name)) headers[name] = value;
  });
  headers.accept ??= "*/*";
  if (hop.body) headers["content-length"] = String(hop.body.byteLength);
  else if (hop.method === "POST" || hop.method === "PUT") headers["content-length"] = "0";
  return headers;
}

/** The error a request gets when no response headers came within the guard's limit. */
function headersTimeout(timeoutMs: number): Error {
  const cause: NodeJS.ErrnoException = new Error(`no response within ${timeoutMs} ms`);
  cause.code = "ETIMEDOUT";
  return networkError(cause);
}

/**
 * One request to checked addresses. `signal` aborts it; `deadline` (the plain request's path, which
 * has no AbortController of its own) destroys it when no response headers came in time.
 */
function send(
  method: string,
  headers: OutgoingHttpHeaders,
  body: Uint8Array | string | null,
  url: URL,
  addresses: string[],
  agents: Agents,
  signal: AbortSignal | undefined,
  deadline?: { inMs: number; timeoutMs: number },
): Promise<IncomingMessage> {
  signal?.throwIfAborted();
  const secure = url.protocol === "https:";
  return new Promise((resolve, reject) => {
    const request = (secure ? https : http).request({
      host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method,
      headers,
      agent: secure ? agents["https:"] : agents["http:"],
      lookup: pinnedLookup(addresses),
    });
    let timedOut: Error | undefined;
    const timer =
      deadline && setTimeout(() => request.destroy((timedOut = headersTimeout(deadline.timeoutMs))), deadline.inMs);
    const onAbort = (): void => {
      request.destroy(signal!.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    const settled = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    request.once("response", (incoming) => {
      settled();
      resolve(incoming);
    });
    request.once("error", (error) => {
      settled();
      reject(timedOut ?? (signal?.aborted ? signal.reason : networkError(error)));
    });
    request.end(body ?? undefined);
  });
}

/** The next request of a redirect chain, per the Fetch standard's method and header rules. */
function redirectHop(hop: Hop, status: number, location: string): Hop {
  let target: URL;
  try {
    target = new URL(location, hop.url);
  } catch {
    throw networkError(new Error(`redirect to an invalid location: ${location}`));
  }
  const headers = new Headers(hop.headers);
  let { method, body } = hop;
  if (
    (status === 303 && method !== "GET" && method !== "HEAD") ||
    ((status === 301 || status === 302) && method === "POST")
  ) {
    method = "GET";
    body = null;
    for (const name of BODY_HEADERS) headers.delete(name);
  }
  if (target.origin !== new URL(hop.url).origin) {
    for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  }
  return { url: target.href, method, headers, body };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** One request through the guard without fetch's Web objects (see createGuardedHttp). */
export interface GuardedRequestInit {
  method: string;
  /** Lower-case names; connection headers are set by the connection itself and dropped here. */
  headers: Record<string, string>;
  body?: string | Buffer | null;
  signal?: AbortSignal;
}

export interface GuardedHttp {
  fetch: typeof fetch;
  /**
   * One HTTP request, checked exactly like a guarded fetch hop (URL syntax, DNS resolution,
   * every resolved address, socket pinned to them) on the same connection pool, answered with
   * Node's response. Redirects are returned, never followed; the body is the caller's to read
   * (`limitedBody` applies the decoding and byte limit the fetch would).
   */
  request(url: string, init: GuardedRequestInit): Promise<IncomingMessage>;
  /** Same options as the fetch: the byte limit callers apply with `limitedBody`. */
  readonly maxBytes: number;
}

/**
 * A fetch that only ever connects to addresses the SSRF guard approved: each
 * hop (first request and every redirect) is checked with `checkUrl` and the
 * socket is pinned to the checked addresses. Policy refusals throw
 * `SsrfBlockedError`; network failures throw `TypeError("fetch failed")`.
 */
export function createGuardedFetch(options: GuardedFetchOptions): typeof fetch {
  return createGuardedHttp(options).fetch;
}

/** A guarded fetch and a leaner guarded request sharing one connection pool (every socket in it opened to a checked address). */
export function createGuardedHttp(options: GuardedFetchOptions): GuardedHttp {
  const policy = { environment: options.environment, allowHosts: [...options.allowHosts], resolve: options.resolve };
  const guard: Guard = {
    policy,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 3,
    // Own agents: a pooled socket is only ever one this guard opened to a checked address.
    agents: {
      "http:": new http.Agent({ keepAlive: true }),
      "https:": new https.Agent({ keepAlive: true, ...(options.ca ? { ca: options.ca } : {}) }),
    },
    // The syntax check depends on nothing but the URL text and this guard's fixed policy, and a
    // session sends every request to the same URL: its verdict is kept. For an address literal that
    // verdict is final; a host name is still resolved and judged on every request.
    syntaxOf: memoize((url: string) => checkUrlSyntax(url, policy), SYNTAX_VERDICTS),
  };
  return {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => guardedFetch(guard, input, init)) as typeof fetch,
    request: (url, init) => guardedRequest(guard, url, init),
    maxBytes: guard.maxBytes,
  };
}

/** One guard's fixed policy, limits and connection pool. */
interface Guard {
  policy: {
    environment: GuardedFetchOptions["environment"];
    allowHosts: string[];
    resolve: GuardedFetchOptions["resolve"];
  };
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  agents: Agents;
  syntaxOf: (url: string) => ReturnType<typeof checkUrlSyntax>;
}

/** A deadline for the response headers, and the caller's signal: either aborts the returned signal. */
function deadlineFor(
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
): { signal: AbortSignal; clear: () => void } {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(headersTimeout(timeoutMs)), timeoutMs);
  // A listener removed again when done, so a long-lived caller signal collects none.
  const onAbort = (): void => deadline.abort(callerSignal!.reason);
  callerSignal?.addEventListener("abort", onAbort, { once: true });
  return {
    signal: deadline.signal,
    clear: () => {
      clearTimeout(timer);
      callerSignal?.removeEventListener("abort", onAbort);
    },
  };
}

async function guardedFetch(guard: Guard, input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const { policy, agents, maxBytes, maxRedirects } = guard;
  const rawUrl = requestUrl(input);
  // Judged before `new Request`, which would throw a plain TypeError for a URL with credentials.
  const syntax = checkUrlSyntax(rawUrl, policy);
  if (!syntax.ok) throw new SsrfBlockedError(syntax.code, syntax.reason, rawUrl);
  const request = new Request(input instanceof URL ? input.href : input, init);
  const callerSignal = request.signal;
  callerSignal.throwIfAborted();

  const { signal, clear } = deadlineFor(callerSignal, guard.timeoutMs);
  try {
    const body = request.body ? new Uint8Array(await raceAbort(request.arrayBuffer(), signal)) : null;
    let hop: Hop = { url: syntax.url.href, method: request.method, headers: new Headers(request.headers), body };
    for (let redirects = 0; ; redirects++) {
      const verdict = await raceAbort(checkUrl(hop.url, policy), signal);
      if (!verdict.ok) throw new SsrfBlockedError(verdict.code, verdict.reason, hop.url);
      const incoming = await send(
        hop.method,
        outgoingHeaders(hop),
        hop.body,
        verdict.url,
        verdict.addresses,
        agents,
        signal,
      );
      const status = incoming.statusCode ?? 0;
      const location = incoming.headers.location;
      if (!REDIRECT_STATUSES.has(status) || location === undefined || request.redirect === "manual") {
        return responseFromIncoming(incoming, {
          url: hop.url,
          redirected: redirects > 0,
          method: hop.method,
          maxBytes,
          signal: callerSignal,
        });
      }
      incoming.destroy();
      if (request.redirect === "error")
        throw networkError(new Error(`redirect (${status}) refused by redirect: "error"`));
      if (redirects >= maxRedirects) {
        throw new SsrfBlockedError("redirect_limit", `more than ${maxRedirects} redirects`, hop.url);
      }
      hop = redirectHop(hop, status, location);
    }
  } catch (error) {
    if (callerSignal.aborted) throw callerSignal.reason;
    throw error;
  } finally {
    clear();
  }
}

async function guardedRequest(guard: Guard, url: string, init: GuardedRequestInit): Promise<IncomingMessage> {
  const { policy, agents, timeoutMs } = guard;
  const syntax = guard.syntaxOf(url);
  if (!syntax.ok) throw new SsrfBlockedError(syntax.code, syntax.reason, url);
  init.signal?.throwIfAborted();
  const started = performance.now();
  try {
    let verdict: UrlCheckResult = syntax;
    if (syntax.hostKind === "domain") {
      const { signal, clear } = deadlineFor(init.signal, timeoutMs);
      verdict = await raceAbort(checkResolution(syntax, policy), signal).finally(clear);
    }
    if (!verdict.ok) throw new SsrfBlockedError(verdict.code, verdict.reason, syntax.url.href);
    const body = init.body ?? null;
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(init.headers)) if (!CONNECTION_HEADERS.has(name)) headers[name] = value;
    headers.accept ??= "*/*";
    const method = init.method.toUpperCase();
    if (body) headers["content-length"] = String(typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
    else if (method === "POST" || method === "PUT") headers["content-length"] = "0";
    // The headers limit counts from the call, resolution included.
    const deadline = { inMs: Math.max(0, timeoutMs - (performance.now() - started)), timeoutMs };
    return await send(method, headers, body, verdict.url, verdict.addresses, agents, init.signal, deadline);
  } catch (error) {
    if (init.signal?.aborted) throw init.signal.reason;
    throw error;
  }
}
