import "server-only";
import type { IncomingMessage } from "node:http";
import { pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";
import { networkError, ResponseTooLargeError } from "./errors";

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export interface ResponseContext {
  /** Final URL after redirects (exposed as `response.url`). */
  url: string;
  redirected: boolean;
  method: string;
  maxBytes: number;
  /** The caller's signal: aborting it errors the body stream, as with fetch. */
  signal: AbortSignal;
}

// fetch decodes these content codings; the byte limit applies to the decoded body so a compressed bomb cannot slip past it.
function decoderFor(contentEncoding: string | undefined): NodeJS.ReadWriteStream | null {
  switch (contentEncoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case "deflate":
      return zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case "br":
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return null;
  }
}

function toHeaders(rawHeaders: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    try {
      headers.append(rawHeaders[i], rawHeaders[i + 1]);
    } catch {
      // A header value fetch cannot represent is dropped rather than failing the whole response.
    }
  }
  return headers;
}

/** A web stream over a Node stream that errors once more than `maxBytes` have arrived, with backpressure. */
function limitedStream(source: Readable, ctx: ResponseContext, destroy: () => void): ReadableStream<Uint8Array> {
  let received = 0;
  let settled = false;
  let onAbort = (): void => {};
  const finish = (): void => {
    settled = true;
    ctx.signal.removeEventListener("abort", onAbort);
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (error: unknown): void => {
          if (settled) return;
          finish();
          controller.error(error);
          destroy();
        };
        onAbort = () => fail(ctx.signal.reason);
        source.on("data", (chunk: Buffer) => {
          if (settled) return;
          received += chunk.byteLength;
          if (received > ctx.maxBytes) return fail(new ResponseTooLargeError(ctx.maxBytes));
          controller.enqueue(new Uint8Array(chunk));
          if ((controller.desiredSize ?? 1) <= 0) source.pause();
        });
        source.once("end", () => {
          if (settled) return;
          finish();
          controller.close();
        });
        source.once("error", (error) => fail(networkError(error)));
        source.once("close", () => fail(networkError(new Error("connection closed before the body ended"))));
        if (ctx.signal.aborted) onAbort();
        else ctx.signal.addEventListener("abort", onAbort, { once: true });
      },
      pull() {
        source.resume();
      },
      cancel() {
        finish();
        destroy();
      },
    },
    { highWaterMark: 16 },
  );
}

/** Turns a Node response into a fetch `Response` whose body streams, limited to `ctx.maxBytes`. */
export function responseFromIncoming(incoming: IncomingMessage, ctx: ResponseContext): Response {
  const status = incoming.statusCode ?? 0;
  if (status < 200 || status > 599) {
    incoming.destroy();
    throw networkError(new Error(`unsupported HTTP status ${status}`));
  }
  const headers = toHeaders(incoming.rawHeaders);
  let body: ReadableStream<Uint8Array> | null = null;
  if (ctx.method === "HEAD" || NULL_BODY_STATUSES.has(status)) {
    incoming.resume();
  } else {
    const decoder = decoderFor(incoming.headers["content-encoding"]);
    const declaredLength = Number(incoming.headers["content-length"]);
    if (!decoder && declaredLength > ctx.maxBytes) {
      incoming.destroy();
      throw new ResponseTooLargeError(ctx.maxBytes);
    }
    const source: Readable = decoder ? (pipeline(incoming, decoder, () => {}) as unknown as Readable) : incoming;
    body = limitedStream(source, ctx, () => {
      incoming.destroy();
      if (source !== incoming) source.destroy();
    });
  }
  const response = new Response(body, { status, statusText: incoming.statusMessage ?? "", headers });
  // Response.url and .redirected are read-only getters that only fetch itself can set; shadow them on the instance.
  Object.defineProperties(response, {
    url: { value: ctx.url, enumerable: true },
    redirected: { value: ctx.redirected, enumerable: true },
  });
  return response;
}

export interface BodySink {
  data(chunk: Buffer): void;
  end(): void;
  error(error: unknown): void;
}

/**
 * Reads a Node response's body into `sink` without Web streams, with the same decoding and byte
 * limit as the guarded fetch's Response body (decoded bytes past `maxBytes` error it). Exactly one
 * of `end` or `error` is called. Returns a function that stops reading (the connection is dropped).
 */
export function consumeBody(incoming: IncomingMessage, maxBytes: number, sink: BodySink): () => void {
  const decoder = decoderFor(incoming.headers["content-encoding"]);
  const source: Readable = decoder ? (pipeline(incoming, decoder, () => {}) as unknown as Readable) : incoming;
  let settled = false;
  let received = 0;
  const destroy = (): void => {
    incoming.destroy();
    if (source !== incoming) source.destroy();
  };
  const fail = (error: unknown): void => {
    if (settled) return;
    settled = true;
    destroy();
    sink.error(error);
  };
  const stop = (): void => {
    if (settled) return;
    settled = true;
    destroy();
  };
  if (!decoder && Number(incoming.headers["content-length"]) > maxBytes) {
    queueMicrotask(() => fail(new ResponseTooLargeError(maxBytes)));
    return stop;
  }
  source.on("data", (chunk: Buffer) => {
    if (settled) return;
    received += chunk.byteLength;
    if (received > maxBytes) return fail(new ResponseTooLargeError(maxBytes));
    sink.data(chunk);
  });
  source.once("end", () => {
    if (settled) return;
    settled = true;
    sink.end();
  });
  source.once("error", (error) => fail(networkError(error)));
  source.once("close", () => fail(networkError(new Error("connection closed before the body ended"))));
  return stop;
}
