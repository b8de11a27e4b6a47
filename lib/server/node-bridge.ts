import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PayloadTooLarge } from "./errors";
import { decodeUtf8 } from "./handler";

export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.setHeader("x-content-type-options", "nosniff");
  if (!response.body) return void res.end();
  const body = Buffer.from(await response.arrayBuffer());
  res.setHeader("content-length", body.byteLength);
  res.end(body);
}

/** A request path WHATWG URL parsing leaves exactly as it is (no query, escapes, dot segments or backslashes). */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*\/?$/;
const origins = new Map<string, string>();

/** The request's absolute URL against the public URL; a plain path is joined to the origin without a URL parse. */
export function absoluteUrl(path: string, publicUrl: string): string {
  if (path !== "" && PLAIN_PATH.test(path)) {
    let origin = origins.get(publicUrl);
    if (origin === undefined) origins.set(publicUrl, (origin = new URL(publicUrl).origin));
    return origin + path;
  }
  return new URL(path, publicUrl).href;
}

/**
 * The decision endpoint's view of a Node request, without a Web Request: headers read from
 * Node's parsed table (Authorization duplicates are still visible through rawHeaders) and the
 * body read into memory up to a limit.
 */
export function leanRequest(req: IncomingMessage, publicUrl: string) {
  return {
    url: absoluteUrl(req.url ?? "/", publicUrl),
    rawHeaders: req.rawHeaders,
    headers: {
      get(name: string): string | null {
        const v = req.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
      },
    },
    readBody: (limit: number) => readNodeBody(req, limit),
  };
}

function readNodeBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(PayloadTooLarge(limit));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        reject(PayloadTooLarge(limit));
      } else chunks.push(chunk);
    });
    req.once("end", () => {
      try {
        resolve(decodeUtf8(Buffer.concat(chunks)));
      } catch (err) {
        reject(err);
      }
    });
    req.once("error", reject);
    req.once("close", () => req.complete || reject(new Error("request aborted")));
  });
}

/** Writes a decision reply: one JSON serialisation, one write. */
export function writeReply(
  res: ServerResponse,
  reply: { status: number; headers: Record<string, string>; body: unknown; bodyText?: string },
): void {
  const body = reply.bodyText ?? JSON.stringify(reply.body);
  res.writeHead(
    reply.status,
    Object.assign({}, reply.headers, {
      "x-content-type-options": "nosniff",
      "content-length": Buffer.byteLength(body),
    }),
  );
  res.end(body);
}
