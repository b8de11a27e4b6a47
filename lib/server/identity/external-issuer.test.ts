import http from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider from "oidc-provider";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { freePort } from "@/lib/testing/server-everything";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";

process.env.PUBLIC_URL = "http://console.test";
process.env.SSRF_ALLOW_HOSTS = "127.0.0.1";
process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";

const { SYSTEM_ACTOR } = await import("../audit");
const { createAgent, setAgentStatus } = await import("../agents");
const { createTrustedIssuer, setTrustedIssuerStatus } = await import("./trusted-issuers");
const { authenticateAgent, requireScope, __resetTokenGuardCachesForTests } = await import("./token-guard");
const { __resetAgentStateCacheForTests } = await import("./agent-state");
const { __resetExternalCachesForTests } = await import("./verify-external");
const { resourceUrlFor } = await import("./metadata");

const RESOURCE = resourceUrlFor("/api/v1/decisions");
const AUDIENCE = "mcp-console";
const kinds = await testDbKinds();

// A real OpenID provider (oidc-provider) on loopback, issuing client_credentials access tokens:
// JWTs (ES256, at+jwt) for one resource, opaque tokens (introspection) for another.
let issuer: string;
let server: http.Server;

beforeAll(async () => {
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair("ES256", { extractable: true });
  const key = { ...(await exportJWK(privateKey)), kid: "idp-es256", alg: "ES256", use: "sig" };
  const client = (client_id: string, scope: string) => ({
    client_id,
    client_secret: `${client_id}-secret-0123456789`,
    grant_types: ["client_credentials"],
    redirect_uris: [],
    response_types: [],
    id_token_signed_response_alg: "ES256",
    scope,
  });
  const provider = new Provider(issuer, {
    clients: [
      client("ext-agent", "mcp:github:read mcp:jira:write"),
      client("stranger", "mcp:github:read"),
      client("console-introspector", "mcp:github:read"),
    ],
    jwks: { keys: [key] },
    scopes: ["mcp:github:read", "mcp:jira:write"],
    cookies: { keys: ["test-cookie-key-0123456789"] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => "https://console.test/api",
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: "mcp:github:read mcp:jira:write",
          audience: resource.includes("other") ? "someone-else" : AUDIENCE,
          accessTokenTTL: 300,
          accessTokenFormat: resource.endsWith("/opaque") ? "opaque" : "jwt",
          jwt: { sign: { alg: "ES256" } },
        }),
      },
    },
    extraTokenClaims: () => ({ env: "production" }),
  });
  server = http.createServer(provider.callback());
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r));
});

async function idpToken(clientId: string, form: Record<string, string>): Promise<string> {
  const res = await fetch(`${issuer}/token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      authorization: `Basic ${Buffer.from(`${clientId}:${clientId}-secret-0123456789`).toString("base64")}`,
    },
    body: new URLSearchParams({ grant_type: "client_credentials", ...form }).toString(),
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`IdP refused: ${JSON.stringify(body)}`);
  return body.access_token;
}

const bearer = (token: string) =>
  new Request(RESOURCE, { method: "POST", headers: { authorization: `Bearer ${token}` } });

describe.each(kinds)("tokens of a trusted external issuer on %s", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let issuerId: string;
  let agentId: string;
  const auth = (token: string) => authenticateAgent(bearer(token), { resourceUrl: RESOURCE, prisma: db.prisma });

  beforeAll(async () => {
    db = await openTestDb(kind);
    const created = await createTrustedIssuer(db.prisma, SYSTEM_ACTOR, {
      name: "Test IdP",
      issuer,
      jwks_uri: `${issuer}/jwks`,
      introspection_url: `${issuer}/token/introspection`,
      client_id: "console-introspector",
      client_secret: "console-introspector-secret-0123456789",
      audience: AUDIENCE,
      algorithms: ["ES256"],
      client_id_claim: "client_id",
      scope_claim: "scope",
      environment_claim: "env",
    });
    issuerId = created.id;
    const agent = await createAgent(
      db.prisma,
      SYSTEM_ACTOR,
      {
        name: "external",
        environment: "production",
        scopes: ["mcp:github:read"],
        owner: "idp-team",
        description: "",
        client_id: "ext-agent",
      },
      null,
    );
    agentId = agent.id;
  });
  afterAll(async () => db?.dispose());
  beforeEach(() => {
    __resetTokenGuardCachesForTests();
    __resetAgentStateCacheForTests();
    __resetExternalCachesForTests();
  });

  it("accepts the IdP's JWT access token, mapped to the registered agent, scopes capped by the agent's", async () => {
    const token = await idpToken("ext-agent", {
      scope: "mcp:github:read mcp:jira:write",
      resource: "https://console.test/api",
    });
    const header = JSON.parse(Buffer.from(token.split(".")[0], "base64url").toString());
    expect(header).toMatchObject({ alg: "ES256", typ: "at+jwt" });
    const result = await auth(token);
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.agent).toMatchObject({
      agentId,
      clientId: "ext-agent",
      environment: "production",
      issuer,
      owner: "idp-team",
    });
    expect(result.agent.scopes).toEqual(["mcp:github:read"]);
    expect(requireScope(result.agent, "github", "read")).toBeNull();
    expect(requireScope(result.agent, "jira", "write")?.status).toBe(403);
  });

  it("introspects the IdP's opaque token (RFC 7662)", async () => {
    const token = await idpToken("ext-agent", { scope: "mcp:github:read", resource: "https://console.test/opaque" });
    expect(token.split(".")).toHaveLength(1);
    const result = await auth(token);
    if (!result.ok) throw new Error(`refused: ${result.reason}`);
    expect(result.agent).toMatchObject({ agentId, clientId: "ext-agent", scopes: ["mcp:github:read"] });
    const forged = await auth("not-a-real-opaque-token-value");
    expect(forged.ok).toBe(false);
  });

  it("refuses a token for another audience, of an unregistered client, of a disabled agent or issuer", async () => {
    const other = await auth(
      await idpToken("ext-agent", { scope: "mcp:github:read", resource: "https://other.test/api" }),
    );
    expect(other.ok ? null : other.response.status).toBe(401);
    const stranger = await auth(
      await idpToken("stranger", { scope: "mcp:github:read", resource: "https://console.test/api" }),
    );
    expect(stranger.ok ? null : stranger.reason).toBe("unknown_agent");

    const token = await idpToken("ext-agent", { scope: "mcp:github:read", resource: "https://console.test/api" });
    await setAgentStatus(db.prisma, SYSTEM_ACTOR, agentId, "disabled", "test");
    __resetAgentStateCacheForTests();
    const disabled = await auth(token);
    expect(disabled.ok ? null : disabled.reason).toBe("agent_inactive");
    await setAgentStatus(db.prisma, SYSTEM_ACTOR, agentId, "active");
    __resetAgentStateCacheForTests();
    await setTrustedIssuerStatus(db.prisma, SYSTEM_ACTOR, issuerId, "disabled");
    __resetExternalCachesForTests();
    const untrusted = await auth(token);
    expect(untrusted.ok ? null : untrusted.reason).toBe("unknown_issuer");
    await setTrustedIssuerStatus(db.prisma, SYSTEM_ACTOR, issuerId, "active");
  });
});
