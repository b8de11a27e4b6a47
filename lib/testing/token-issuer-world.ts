import { SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { openTestDb, testDbKinds, type DbKind } from "./test-db";

type Db = Awaited<ReturnType<typeof openTestDb>>;

const BASE = "http://console.test";

/** The server modules the world drives, loaded once the environment is fixed. */
async function issuerModules() {
  return {
    ...(await import("@/lib/server/audit")),
    ...(await import("@/lib/server/agents")),
    ...(await import("@/lib/server/identity/token-endpoint")),
    ...(await import("@/lib/server/identity/token-guard")),
    ...(await import("@/lib/server/identity/agent-state")),
    ...(await import("@/lib/server/identity/signing-keys")),
    ...(await import("@/lib/server/identity/metadata")),
  };
}
type Modules = Awaited<ReturnType<typeof issuerModules>>;

/**
 * The built-in issuer's world: one production agent (`ci-bot`) with its client secret, token
 * requests to /api/oauth/token, agent requests with a bearer, and tokens forged with the issuer's
 * real key. Call at the top of a test file, before anything imports lib/env (it fixes PUBLIC_URL,
 * the extra audience and the encryption key); `onDatabase(kind)` goes inside a describe.
 */
export async function tokenIssuerSuite() {
  process.env.PUBLIC_URL = BASE;
  process.env.TOKEN_EXTRA_AUDIENCES = "mcp-server";
  process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";
  const m = await issuerModules();
  const RESOURCE = m.resourceUrlFor("/api/v1/decisions");
  return {
    kinds: await testDbKinds(),
    BASE,
    RESOURCE,
    tokenRequest,
    agentRequest,
    onDatabase: (kind: DbKind) => issuerOnDatabase(m, kind, RESOURCE),
  };
}

function tokenRequest(form: Record<string, string>, basic?: [string, string]): Request {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (basic)
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(basic[0])}:${encodeURIComponent(basic[1])}`).toString("base64")}`;
  return new Request(`${BASE}/api/oauth/token`, {
    method: "POST",
    headers,
    body: new URLSearchParams(form).toString(),
  });
}

function agentRequest(token?: string, init: { url?: string; headers?: Record<string, string> } = {}): Request {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return new Request(init.url ?? `${BASE}/api/v1/decisions`, { method: "POST", headers });
}

function issuerOnDatabase(m: Modules, kind: DbKind, RESOURCE: string) {
  const w = {
    db: undefined as unknown as Db,
    agent: undefined as unknown as { id: string; client_id: string; client_secret: string },
    auth: (req: Request, resourceUrl = RESOURCE) => m.authenticateAgent(req, { resourceUrl, prisma: w.db.prisma }),
    token,
    forge,
  };

  async function token(form: Record<string, string> = {}): Promise<string> {
    const res = await m.tokenEndpoint(
      w.db.prisma,
      tokenRequest({ grant_type: "client_credentials", ...form }, [w.agent.client_id, w.agent.client_secret]),
    );
    expect(res.status).toBe(200);
    return (await res.json()).access_token;
  }

  /** A token signed with the issuer's real key but with chosen header/claims. */
  async function forge(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
    const key = await m.activeSigningKey(w.db.prisma);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ scope: "mcp:github:read", env: "production", ...claims })
      .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: key.kid, ...header })
      .setIssuer((claims.iss as string) ?? BASE)
      .setSubject(w.agent.client_id)
      .setAudience((claims.aud as string[]) ?? [BASE])
      .setJti((claims.jti as string) ?? crypto.randomUUID())
      .setIssuedAt((claims.iat as number) ?? now)
      .setExpirationTime((claims.exp as number) ?? now + 300)
      .sign(key.privateKey);
  }

  beforeAll(async () => {
    w.db = await openTestDb(kind);
    w.agent = await m.createAgent(
      w.db.prisma,
      m.SYSTEM_ACTOR,
      {
        name: "ci-bot",
        environment: "production",
        scopes: ["mcp:github:read", "mcp:jira:write"],
        owner: "team-a",
        description: "",
      },
      null,
    );
  });
  afterAll(async () => w.db?.dispose());
  beforeEach(() => {
    m.__resetTokenGuardCachesForTests();
    m.__resetAgentStateCacheForTests();
  });
  return w;
}
