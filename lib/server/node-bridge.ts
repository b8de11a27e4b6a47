import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { PayloadTooLarge } from "./errors";

export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.setHeader("x-content-type-options", "nosniff");
  if (!response.body) return void res.end();
  const body = Buffer.from(await response.arrayBuffer());
  res.setHeader("content-length", body.byteLength);
  res.end(body);
}

/**
 * The decision endpoint's view of a Node request, without a Web Request: headers read from
 * Node's parsed table (Authorization duplicates are still visible through rawHeaders) and the
 * body read into memory up to a limit.
 */
export function leanRequest(req: IncomingMessage, publicUrl: string) {
  return {
    url: new URL(req.url ?? "/", publicUrl).href,
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
    req.once("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
    req.once("close", () => req.complete || reject(new Error("request aborted")));
  });
}

/** Writes a decision reply: one JSON serialisation, one write. */
export function writeReply(res: ServerResponse, reply: { status: number; headers: Record<string, string>; body: unknown; bodyText?: string }): void {
  const body = reply.bodyText ?? JSON.stringify(reply.body);
  res.writeHead(reply.status, Object.assign({}, reply.headers, { "x-content-type-options": "nosniff", "content-length": Buffer.byteLength(body) }));
  res.end(body);
}
