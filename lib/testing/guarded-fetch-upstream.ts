import http from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect } from "vitest";
import { SsrfBlockedError } from "@/lib/server/ssrf/errors";
import { createGuardedFetch, type GuardedFetchOptions } from "@/lib/server/ssrf/guarded-fetch";

// An HTTP server on 127.0.0.1 with one route per behaviour the guarded fetch and request must
// handle (echo, SSE, redirect chains, slow headers and bodies, large, gzip and bomb bodies).
// `base` and `port` are set once `serveGuardedFetchUpstream()`'s beforeAll has run.
let server: http.Server;
export let base: string;
export let port: number;
/** Every request the server received, with its path and headers. */
export const seen: { path: string; headers: http.IncomingHttpHeaders }[] = [];
let release: () => void = () => {};

/** Lets the /sse route send its second event and end. */
export function releaseStream(): void {
  release();
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (text += chunk));
    req.on("end", () => resolve(text));
  });
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://test");
  seen.push({ path: url.pathname, headers: req.headers });
  const [, route, arg] = url.pathname.split("/");
  switch (route) {
    case "hello":
      res.writeHead(200, { "content-type": "text/plain", "x-test": "yes" }).end("hello");
      return;
    case "echo": {
      const body = await readBody(req);
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ method: req.method, body, headers: req.headers }));
      return;
    }
    case "sse":
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: one\n\n");
      await new Promise<void>((resolve) => (release = resolve));
      res.end("data: two\n\n");
      return;
    case "chain": {
      const left = Number(arg);
      if (left === 0) res.writeHead(200).end("arrived");
      else res.writeHead(302, { location: `/chain/${left - 1}` }).end("moving on");
      return;
    }
    case "to":
      await readBody(req);
      res
        .writeHead(Number(url.searchParams.get("status") ?? 302), { location: url.searchParams.get("target") ?? "/" })
        .end();
      return;
    case "slow-headers":
      return; // never answers
    case "slow-body":
      res.writeHead(200, { "content-type": "text/plain" });
      res.write("first ");
      setTimeout(() => res.end("last"), 400);
      return;
    case "big":
      res.writeHead(200, { "content-type": "application/octet-stream" });
      for (let sent = 0; sent < Number(arg); sent += 1000)
        res.write(Buffer.alloc(Math.min(1000, Number(arg) - sent), 97));
      res.end();
      return;
    case "declared":
      res.writeHead(200, { "content-length": String(Number(arg)) }).end(Buffer.alloc(Number(arg), 97));
      return;
    case "gzip":
      res
        .writeHead(200, { "content-encoding": "gzip", "content-type": "text/plain" })
        .end(gzipSync(Buffer.from("compressed hello")));
      return;
    case "bomb":
      res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(Buffer.alloc(10 * 1024 * 1024)));
      return;
    case "no-content":
      res.writeHead(204).end();
      return;
    default:
      res.writeHead(404).end("not found");
  }
}

/** Starts the server before the file's tests and stops it after them. */
export function serveGuardedFetchUpstream(): void {
  beforeAll(async () => {
    server = http.createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    releaseStream();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
}

export function guarded(overrides: Partial<GuardedFetchOptions> = {}): typeof fetch {
  return createGuardedFetch({ environment: "development", allowHosts: ["127.0.0.1"], ...overrides });
}

export async function refusal(promise: Promise<unknown>): Promise<SsrfBlockedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SsrfBlockedError);
  return error as SsrfBlockedError;
}
