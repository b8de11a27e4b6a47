import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newAgent, seedProduction, startWorldConsole, type WorldConsole } from "@/lib/testing/fuzz/console-world";
import {
  postgresBinariesForFaultTests,
  requireNextBuild,
  startPgInstance,
  type PgInstance,
} from "@/lib/testing/pg-instance";
import { ssrfSelfTest } from "../ssrf/self-test";

/**
 * The SSRF guard (docs/operations.md#ssrf-guard) on every outbound path of a running console (server.ts, no
 * SSRF_ALLOW_HOSTS): catalog discovery, trusted issuers' JWKS and introspection, notification
 * webhooks and the gate webhook. Blocked URLs come from the guard's own table (its self-test
 * cases) plus loopback spellings aimed at a listener that counts connections: each is refused
 * when saved (422) and, planted straight in the database, refused again at connection time
 * (422 or a recorded failure). The listener must never see a connection.
 */
const hasBinaries = postgresBinariesForFaultTests();
const PUBLIC = "https://93.184.216.34";

describe.skipIf(!hasBinaries)("SSRF table on every outbound path", () => {
  let pgi: PgInstance;
  let world: WorldConsole;
  let db: pg.Client;
  let listener: net.Server;
  let port: number;
  const connections: string[] = [];
  let blocked: string[] = [];
  /** Refused in production for their scheme alone (http://public): development may use them. */
  let productionOnly = new Set<string>();

  beforeAll(async () => {
    requireNextBuild();
    listener = net.createServer((socket) => {
      connections.push(`${socket.remoteAddress}:${socket.remotePort}`);
      socket.destroy();
    });
    await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
    port = (listener.address() as net.AddressInfo).port;
    const results = (await ssrfSelfTest()).results.filter((r) => r.expected);
    const table = results.map((r) => r.url);
    productionOnly = new Set(results.filter((r) => r.code === "scheme" && /^http:/.test(r.url)).map((r) => r.url));
    const aimed = [
      `https://127.0.0.1:${port}/mcp`,
      `http://127.0.0.1:${port}/mcp`,
      `https://localhost:${port}/`,
      `https://[::ffff:127.0.0.1]:${port}/`,
      `https://2130706433:${port}/`,
      `https://0x7f.1:${port}/`,
      `https://127.1:${port}/`,
      `https://[::ffff:7f00:1]:${port}/`,
    ];
    blocked = [...aimed, ...table];
    pgi = await startPgInstance();
    const databaseUrl = await pgi.createDatabase("faults_ssrf");
    world = await startWorldConsole({ databaseUrl, env: { SSRF_ALLOW_HOSTS: "" } });
    await seedProduction(world);
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
  }, 180_000);

  afterAll(async () => {
    await db?.end();
    await world?.proc.stop();
    await pgi?.remove();
    await new Promise((r) => listener?.close(r));
  }, 60_000);

  const isRefusal = (status: number) => status === 422 || status === 400;

  it("takes its table from the guard and aims loopback spellings at a live listener", () => {
    expect(blocked.length).toBeGreaterThan(25);
  });

  it("catalog: a blocked server URL is refused when saved, and at discovery when planted in the database", async () => {
    const wrong: string[] = [];
    for (const [i, url] of blocked.entries()) {
      for (const environment of productionOnly.has(url) ? ["production"] : ["development", "production"]) {
        const res = await world.call("POST", "/api/console/servers", {
          body: { environment, name: `ssrf-${environment.slice(0, 3)}-${i}`, transport: "remote_http", url, tools: [] },
        });
        if (!isRefusal(res.status)) wrong.push(`save ${environment} ${url} → ${res.status}`);
      }
    }
    for (const environment of ["development", "production"]) {
      const created = await world.call("POST", "/api/console/servers", {
        body: { environment, name: "ssrf-planted", transport: "remote_http", url: `${PUBLIC}/mcp`, tools: [] },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      const id = (created.body as { id: string }).id;
      for (const url of blocked.filter((u) => environment === "production" || !productionOnly.has(u))) {
        await db.query(`UPDATE servers SET url = $1 WHERE id = $2`, [url, id]);
        const res = await world.call("POST", `/api/console/servers/${id}/discover`, { body: {} });
        const type = String((res.body as { type?: string })?.type ?? "");
        if (res.status !== 422 || !type.endsWith("/ssrf-blocked"))
          wrong.push(`discover ${environment} ${url} → ${res.status} ${type}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(connections).toEqual([]);
  }, 120_000);

  it("trusted issuers: blocked JWKS and introspection URLs are refused when saved, and never fetched when planted", async () => {
    const wrong: string[] = [];
    for (const [i, url] of blocked.entries()) {
      const jwks = await world.call("POST", "/api/console/trusted-issuers", {
        body: { name: `jwks-${i}`, issuer: `https://issuer-${i}.example`, jwks_uri: url, audience: "console" },
      });
      if (!isRefusal(jwks.status)) wrong.push(`save jwks_uri ${url} → ${jwks.status}`);
      const intro = await world.call("POST", "/api/console/trusted-issuers", {
        body: {
          name: `intro-${i}`,
          issuer: `https://intro-${i}.example`,
          introspection_url: url,
          client_id: "c",
          client_secret: "s",
          audience: "console",
        },
      });
      if (!isRefusal(intro.status)) wrong.push(`save introspection_url ${url} → ${intro.status}`);
    }
    const issuer = "https://planted-issuer.example";
    const created = await world.call("POST", "/api/console/trusted-issuers", {
      body: {
        name: "planted",
        issuer,
        jwks_uri: `${PUBLIC}/jwks.json`,
        introspection_url: `${PUBLIC}/introspect`,
        client_id: "c",
        client_secret: "s",
        audience: "console",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const agent = await newAgent(world, "ssrf-bot", ["mcp:github:read"]);
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const jwt = `${enc({ alg: "ES256", typ: "at+jwt", kid: "k1" })}.${enc({ iss: issuer, sub: agent.clientId, aud: "console", env: "production", exp: Math.floor(Date.now() / 1000) + 300 })}.${enc({ sig: 1 })}`;
    for (const url of blocked) {
      await db.query(`UPDATE trusted_issuers SET "jwksUri" = $1, "introspectionUrl" = $1 WHERE issuer = $2`, [
        url,
        issuer,
      ]);
      for (const token of [jwt, "opaque-token-0123456789"]) {
        const res = await world.call("POST", "/api/v1/decisions", {
          token,
          body: { server: "github", tool: "get_file_contents", arguments: {} },
        });
        if (res.status !== 401 && res.status !== 503)
          wrong.push(`${token === jwt ? "JWT" : "opaque"} via ${url} → ${res.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(connections).toEqual([]);
  }, 120_000);

  it("notification webhooks: blocked targets are refused when saved; planted, the delivery fails with a record and no connection", async () => {
    const wrong: string[] = [];
    for (const [i, url] of blocked.filter((u) => /^https?:/.test(u)).entries()) {
      for (const kind of ["webhook", "slack"]) {
        const res = await world.call("POST", "/api/console/notifications/channels", {
          body: { name: `${kind}-${i}`, kind, target: url, events: ["approval.requested"] },
        });
        if (!isRefusal(res.status)) wrong.push(`save ${kind} ${url} → ${res.status}`);
      }
    }
    const created = await world.call("POST", "/api/console/notifications/channels", {
      body: {
        name: "planted",
        kind: "webhook",
        target: `${PUBLIC}/hook`,
        secret: "0123456789abcdef0123",
        events: ["approval.requested"],
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const channelId = (created.body as { id: string }).id;
    const agent = await newAgent(world, "ssrf-notify-bot", ["mcp:jira:write"]);
    const aimed = blocked.filter((u) => u.includes(`:${port}`));
    for (const [i, url] of aimed.entries()) {
      await db.query(`UPDATE notification_channels SET target = $1 WHERE id = $2`, [url, channelId]);
      const decision = await agent.client.decide({
        server: "jira",
        tool: "create_issue",
        arguments: { summary: `ssrf ${i}` },
      });
      expect(decision.decision).toBe("REQUIRE_APPROVAL");
      // The delivery job runs every 2 s: wait for the first attempt to be recorded.
      const deadline = Date.now() + 20_000;
      let row: { status: string; attempts: number; lastError: string | null } | undefined;
      while (Date.now() < deadline) {
        row = (
          await db.query(
            `SELECT status, attempts, "lastError" FROM notification_deliveries WHERE "channelId" = $1 AND "approvalId" = $2`,
            [channelId, decision.approval!.id],
          )
        ).rows[0];
        // attempts counts from the claim ('sending'); the outcome is recorded when the attempt ends.
        if (row && row.attempts > 0 && row.status !== "sending") break;
        await new Promise((r) => setTimeout(r, 250));
      }
      if (!row || row.attempts === 0) wrong.push(`${url}: no delivery attempt recorded`);
      else if (row.status === "delivered" || !row.lastError)
        wrong.push(`${url}: delivery ${row.status} ${row.lastError}`);
    }
    expect(wrong).toEqual([]);
    expect(connections).toEqual([]);
  }, 240_000);

  it("gate webhook: blocked URLs are refused when saved", async () => {
    const wrong: string[] = [];
    for (const url of blocked) {
      const res = await world.call("PUT", "/api/console/gates/webhook", { body: { url } });
      if (!isRefusal(res.status)) wrong.push(`${url} → ${res.status}`);
    }
    expect(wrong).toEqual([]);
    const ok = await world.call("PUT", "/api/console/gates/webhook", { body: { url: `${PUBLIC}/gates` } });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(connections).toEqual([]);
  });
});
