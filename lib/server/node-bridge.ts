import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

/** A Web Request over a Node request, streaming its body (limits are enforced by the reader). */
export function toWebRequest(req: IncomingMessage, publicUrl: string): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const controller = new AbortController();
  req.once("close", () => req.complete || controller.abort());
  return new Request(new URL(req.url ?? "/", publicUrl), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal: controller.signal,
    // @ts-expect-error Node's fetch needs half-duplex for streamed request bodies.
    duplex: "half",
  });
}

export async function writeWebResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.setHeader("x-content-type-options", "nosniff");
  if (!response.body) return void res.end();
  const body = Buffer.from(await response.arrayBuffer());
  res.setHeader("content-length", body.byteLength);
  res.end(body);
}
