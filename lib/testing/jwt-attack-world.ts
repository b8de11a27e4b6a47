import http from "node:http";
import type { AddressInfo } from "node:net";
import { type CryptoKey, SignJWT } from "jose";
import { afterAll, beforeAll } from "vitest";
import {
  FAULTS_ENCRYPTION_KEY,
  newAgent,
  seedProduction,
  startWorldConsole,
  type WorldAgent,
  type WorldConsole,
} from "./fuzz/console-world";
import { requireNextBuild, startPgInstance, type PgInstance } from "./pg-instance";

// The console (server.ts on its own PostgreSQL) a JWT attack is sent to: a production agent and a
// staging one, the console's own signing key and public JWK read from its database (so a forged
// token is wrong only where the attack says), and a listener a jku/x5u would point at, which must
// never be contacted. `attackedConsole()` registers the hooks; the bindings are set once they ran.
let pgi: PgInstance;
export let world: WorldConsole;
export let agent: WorldAgent;
export let stagingAgent: WorldAgent;
export let signing: { kid: string; privateKey: CryptoKey };
export let publicJwk: Record<string, unknown>;
/** Decision rows stored before the first test. */
export let decisionsBefore: number;
let count: () => Promise<number>;
let closeDb: () => Promise<void>;
/** Requests the jku/x5u listener received. */
export const listenerHits: string[] = [];
let listener: http.Server;
export let listenerUrl: string;

export const countDecisions = (): Promise<number> => count();

export const body = JSON.stringify({ server: "github", tool: "get_file_contents", arguments: {} });
export const post = (token: string | null, opts: { query?: string; headers?: Record<string, string> } = {}) =>
  fetch(`${world.url}/api/v1/decisions${opts.query ?? ""}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...opts.headers,
    },
    body,
  });
export const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
export const now = () => Math.floor(Date.now() / 1000);

/** A token signed with the console's real key; claims and header overridable, `undefined` removes one. */
export function forge(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}): Promise<string> {
  const payload: Record<string, unknown> = {
    iss: world.url,
    sub: agent.clientId,
    aud: [world.url],
    scope: "mcp:github:read",
    env: "production",
    jti: crypto.randomUUID(),
    iat: now(),
    exp: now() + 300,
    ...claims,
  };
  for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: signing.kid, ...header } as never)
    .sign(signing.privateKey);
}

/** A real token's claims, for forging a copy that differs in one place. */
export async function realClaims(): Promise<Record<string, unknown>> {
  const t = await agent.client.accessToken();
  return JSON.parse(Buffer.from(t.split(".")[1], "base64url").toString());
}

/** Two Authorization header lines, which fetch would merge into one. */
export function twoHeaders(a: string, b: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${world.url}/api/v1/decisions`);
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolve(
            new Response(null, {
              status: res.statusCode,
              headers: { "www-authenticate": String(res.headers["www-authenticate"] ?? "") },
            }),
          ),
        );
      },
    );
    req.setHeader("authorization", [`Bearer ${a}`, `Bearer ${b}`]);
    req.on("error", reject);
    req.end(body);
  });
}

export function attackedConsole(): void {
  process.env.ENCRYPTION_KEY = FAULTS_ENCRYPTION_KEY;
  beforeAll(async () => {
    requireNextBuild();
    listener = http.createServer((req, res) => {
      listenerHits.push(`${req.method} ${req.url}`);
      res.end("{}");
    });
    await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
    listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}`;
    pgi = await startPgInstance();
    const databaseUrl = await pgi.createDatabase("faults_jwt");
    // Loopback allowed for outbound calls, so that a jku/x5u the guard followed would reach the listener.
    world = await startWorldConsole({ databaseUrl, env: { SSRF_ALLOW_HOSTS: "127.0.0.1,localhost" } });
    await seedProduction(world);
    agent = await newAgent(world, "jwt-bot", ["mcp:github:read"]);
    stagingAgent = await newAgent(world, "jwt-staging-bot", ["mcp:github:read"], "staging");
    await agent.client.accessToken();
    const { openDatabase } = await import("@/lib/server/db");
    const { activeSigningKey, jwks } = await import("@/lib/server/identity/signing-keys");
    const db = await openDatabase({ databaseUrl, dataDir: "unused" });
    const key = await activeSigningKey(db.prisma);
    signing = { kid: key.kid, privateKey: key.privateKey as CryptoKey };
    publicJwk = (await jwks(db.prisma)).keys[0] as Record<string, unknown>;
    count = () => db.prisma.decisionRecord.count();
    closeDb = () => db.close();
    decisionsBefore = await count();
  }, 180_000);

  afterAll(async () => {
    await closeDb?.();
    await world?.proc.stop();
    await pgi?.remove();
    await new Promise((r) => listener?.close(r));
  }, 60_000);
}
