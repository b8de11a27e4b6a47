/**
 * The console's HTTP server: Next.js for everything, with the hot agent path
 * (POST /api/v1/decisions) served first by the same decision function the route handler
 * uses, without Next's router in between, and the MCP gateway (/mcp/<environment>/<server>:
 * long-lived Streamable HTTP sessions, which Next route handlers serve poorly).
 */
import http from "node:http";
import next from "next";
import { env } from "@/lib/env";
import { PEER_ADDRESS_HEADER } from "@/lib/net/client-address";
import { startBenchProbes } from "@/lib/server/bench-probes";
import { stopChangeListener } from "@/lib/server/change-listener";
import { answerDecisionRequest, DECISIONS_PATH } from "@/lib/server/enforcement/decision-http";
import { drainResultWrites } from "@/lib/server/enforcement/result-writer";
import { createGateway, isGatewayPath } from "@/lib/server/gateway";
import { probeDatabase } from "@/lib/server/db-probe";
import { leanRequest, writeReply } from "@/lib/server/node-bridge";
import { printForOperator } from "@/lib/server/log";
import { tracedDecision } from "@/lib/server/telemetry/decision-span";
import { startTelemetry, stopTelemetry } from "@/lib/server/telemetry/otel";
import { claimStartupNotice, serverListening } from "@/lib/startup/notice";

const e = env();
if (e.BENCH_PROBES) startBenchProbes();
const dev = process.argv.includes("--dev");
const app = next({ dev, dir: process.cwd(), hostname: e.HOST, port: e.PORT });
const handle = app.getRequestHandler();
const gateway = createGateway();
// OpenTelemetry export, when OTEL_EXPORTER_OTLP_ENDPOINT (or a per-signal endpoint) is set.
startTelemetry(e);

claimStartupNotice();
await app.prepare();

// HSTS on every response (API and MCP included) when the console's public URL is https; a
// forwarded-proto header from the client does not decide it.
const hsts = e.PUBLIC_URL?.startsWith("https://") ? "max-age=63072000; includeSubDomains" : null;

const server = http.createServer((req, res) => {
  if (hsts) res.setHeader("strict-transport-security", hsts);
  // A socket that has sent its request is no longer idle (keep-alive idleness is keepAliveTimeout's).
  req.socket.setTimeout(0);
  const path = req.url?.split("?")[0];
  // Login limits key on the peer address; this replaces any header of that name a client sent.
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  if (req.method === "POST" && path === DECISIONS_PATH) {
    const lean = leanRequest(req, e.PUBLIC_URL);
    tracedDecision(lean.headers, (trace) => answerDecisionRequest(lean, trace))
      .then((reply) => writeReply(res, reply))
      .catch(() => {
        res.statusCode = 503;
        res.end();
      });
    return;
  }
  if (path?.startsWith("/mcp/") && isGatewayPath(path)) {
    void gateway.handle(req, res);
    return;
  }
  if (isPageRequest(req, path)) {
    // Pages during a database outage: a 503 that says so, instead of a page that fails with 500.
    void probeDatabase().then((health) => (health.ok ? handle(req, res) : unavailablePage(res)));
    return;
  }
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
// Slow or silent clients cannot hold sockets: headers within 10 s, the whole request within 30 s,
// and a connection that sends nothing at all is closed after 10 s.
server.headersTimeout = 10_000;
server.requestTimeout = 30_000;
server.on("connection", (socket) => {
  socket.setTimeout(IDLE_SOCKET_MS, () => socket.destroy());
});
// After Next's own lines and only once the port answers: the password box and "ready" come last.
server.listen(e.PORT, e.HOST, () => serverListening(printForOperator));

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    server.close();
    // Result rows the gateway writes behind its answers are finished first; then the last spans are flushed.
    void Promise.allSettled([gateway.close(), drainResultWrites(), stopChangeListener()]).finally(() =>
      stopTelemetry().finally(() => process.exit(0)),
    );
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}

const IDLE_SOCKET_MS = 10_000;

function isPageRequest(req: http.IncomingMessage, path: string | undefined): boolean {
  if ((req.method !== "GET" && req.method !== "HEAD") || !path) return false;
  if (/^\/(api|_next|mcp|\.well-known)(\/|$)/.test(path) || path.includes(".")) return false;
  return (req.headers.accept ?? "").includes("text/html");
}

function unavailablePage(res: http.ServerResponse): void {
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>Console unavailable</title><style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;color:#0f172a}</style></head>
<body><h1>The console cannot reach its database</h1><p>Agents' calls are being denied until it is back (the console fails closed). This page retries every 5 seconds.</p></body></html>`;
  res.writeHead(503, {
    "content-type": "text/html; charset=utf-8",
    "retry-after": "5",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
}
