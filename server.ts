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
import { decideHttp } from "@/lib/server/enforcement/decide";
import { drainResultWrites } from "@/lib/server/enforcement/result-writer";
import { createGateway, isGatewayPath } from "@/lib/server/gateway";
import { leanRequest, writeReply } from "@/lib/server/node-bridge";

const e = env();
const dev = process.argv.includes("--dev");
const app = next({ dev, dir: process.cwd(), hostname: e.HOST, port: e.PORT });
const handle = app.getRequestHandler();
const gateway = createGateway();

await app.prepare();

const server = http.createServer((req, res) => {
  const path = req.url?.split("?")[0];
  // Login limits key on the peer address; this replaces any header of that name a client sent.
  req.headers[PEER_ADDRESS_HEADER] = req.socket.remoteAddress ?? "";
  if (req.method === "POST" && path === "/api/v1/decisions") {
    decideHttp(leanRequest(req, e.PUBLIC_URL))
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
  void handle(req, res);
});
server.keepAliveTimeout = 65_000;
server.listen(e.PORT, e.HOST);

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    server.close();
    // Result rows the gateway writes behind its answers are finished first.
    void Promise.allSettled([gateway.close(), drainResultWrites()]).finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
