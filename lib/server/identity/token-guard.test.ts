import { createHmac, generateKeyPairSync } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";

process.env.PUBLIC_URL = "http://console.test";
process.env.TOKEN_EXTRA_AUDIENCES = "mcp-server";
process.env.ENCRYPTION_KEY = "test-encryption-key-0123456789abcdef";

const { SYSTEM_ACTOR } = await import("../audit");
const { createAgent, revokeIssuedToken, setAgentStatus } = await import("../agents");
const { tokenEndpoint } = await import("./token-endpoint");
const { authenticateAgent, requireScope, __resetTokenGuardCachesForTests } = await import("./token-guard");
const { __resetAgentStateCacheForTests } = await import("./agent-state");
const { activeSigningKey, rotateSigningKey, jwks } = await import("./signing-keys");
const { resourceUrlFor } = await import("./metadata");

const BASE = "http://console.test";
const RESOURCE = resourceUrlFor("/api/v1/decisions");
const kinds = await testDbKinds();

type Db = Awaited<ReturnType<typeof openTestDb>>;

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

describe.each(kinds)("built-in issuer and token guard on %s", (kind: DbKind) => {
  let db: Db;
  let agent: { id: string; client_id: string; client_secret: string };
  const auth = (req: Request, resourceUrl = RESOURCE) => authenticateAgent(req, { resourceUrl, prisma: db.prisma });

  async function token(form: Record<string, string> = {}): Promise<string> {
    const res = await tokenEndpoint(
      db.prisma,
      tokenRequest({ grant_type: "client_credentials", ...form }, [agent.client_id, agent.client_secret]),
    );
    expect(res.status).toBe(200);
    return (await res.json()).access_token;
  }

  /** A token signed with the issuer's real key but with chosen header/claims. */
  async function forge(claims: Record<string, unknown>, header: Record<string, unknown> = {}): Promise<string> {
    const key = await activeSigningKey(db.prisma);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ scope: "mcp:github:read", env: "production", ...claims })
      .setProtectedHeader({ alg: "ES256", typ: "at+jwt", kid: key.kid, ...header })
      .setIssuer((claims.iss as string) ?? BASE)
      .setSubject(agent.client_id)
      .setAudience((claims.aud as string[]) ?? [BASE])
      .setJti((claims.jti as string) ?? crypto.randomUUID())
      .setIssuedAt((claims.iat as number) ?? now)
      .setExpirationTime((claims.exp as number) ?? now + 300)
      .sign(key.privateKey);
  }

  beforeAll(async () => {
    db = await openTestDb(kind);
    agent = await createAgent(
      db.prisma,
      SYSTEM_ACTOR,
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
  afterAll(async () => db?.dispose());
  beforeEach(() => {
    __resetTokenGuardCachesForTests();
    __resetAgentStateCacheForTests();
  });

  describe("POST /api/oauth/token", () => {
    it("issues an ES256 at+jwt with client_secret_basic", async () => {
      const res = await tokenEndpoint(
        db.prisma,
        tokenRequest({ grant_type: "client_credentials" }, [agent.client_id, agent.client_secret]),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const body = await res.json();
      expect(body).toMatchObject({ token_type: "Bearer", expires_in: 600, scope: "mcp:github:read mcp:jira:write" });
      const [h, p] = body.access_token
        .split(".")
        .slice(0, 2)
        .map((s: string) => JSON.parse(Buffer.from(s, "base64url").toString()));
      expect(h).toMatchObject({ alg: "ES256", typ: "at+jwt" });
      expect(p).toMatchObject({
        iss: BASE,
        sub: agent.client_id,
        aud: [BASE, "mcp-server"],
        env: "production",
        scope: "mcp:github:read mcp:jira:write",
      });
      expect(p.exp - p.iat).toBeLessThanOrEqual(900);
      expect(await db.prisma.issuedToken.findUnique({ where: { jti: p.jti } })).toMatchObject({
        clientId: agent.client_id,
      });
      expect(await db.prisma.auditEvent.count({ where: { action: "token.issue", targetId: p.jti } })).toBe(1);
    });

    it("accepts client_secret_post, narrows scope and binds a resource", async () => {
      const res = await tokenEndpoint(
        db.prisma,
        tokenRequest({
          grant_type: "client_credentials",
          client_id: agent.client_id,
          client_secret: agent.client_secret,
          scope: "mcp:github:read",
          resource: RESOURCE,
        }),
      );
      const body = await res.json();
      expect(res.status).toBe(200);
      expect(body.scope).toBe("mcp:github:read");
      const p = JSON.parse(Buffer.from(body.access_token.split(".")[1], "base64url").toString());
      expect(p.aud).toEqual([RESOURCE, "mcp-server"]);
    });

    it.each([
      ["a scope the agent lacks", { scope: "mcp:github:write" }, 400, "invalid_scope"],
      ["a wildcard wider than the grant", { scope: "mcp:*:read" }, 400, "invalid_scope"],
      ["a resource outside the console", { resource: "https://evil.example/api" }, 400, "invalid_target"],
      ["another grant type", { grant_type: "password" }, 400, "unsupported_grant_type"],
    ])("refuses %s", async (_name, extra, status, error) => {
      const res = await tokenEndpoint(
        db.prisma,
        tokenRequest({ grant_type: "client_credentials", ...extra }, [agent.client_id, agent.client_secret]),
      );
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ error });
    });

    it("answers invalid_client (401) for a wrong secret, an unknown client or no credentials", async () => {
      for (const req of [
        tokenRequest({ grant_type: "client_credentials" }, [agent.client_id, "mgc_cs_wrong"]),
        tokenRequest({ grant_type: "client_credentials", client_id: "agt_nobody", client_secret: "x" }),
        tokenRequest({ grant_type: "client_credentials" }),
      ]) {
        const res = await tokenEndpoint(db.prisma, req);
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ error: "invalid_client" });
      }
    });

    it("rate-limits repeated failed client authentication", async () => {
      const victim = await createAgent(
        db.prisma,
        SYSTEM_ACTOR,
        { name: "victim", environment: "staging", scopes: ["mcp:*:read"], owner: "", description: "" },
        null,
      );
      let last = 0;
      for (let i = 0; i < 21; i++)
        last = (
          await tokenEndpoint(
            db.prisma,
            tokenRequest({ grant_type: "client_credentials" }, [victim.client_id, `wrong-${i}`]),
          )
        ).status;
      expect(last).toBe(429);
      const good = await tokenEndpoint(
        db.prisma,
        tokenRequest({ grant_type: "client_credentials" }, [victim.client_id, victim.client_secret]),
      );
      expect(good.status).toBe(429);
    });
  });

  describe("authenticateAgent (docs/order-of-checks.md#1-authenticate)", () => {
    it("accepts a valid token and returns the agent", async () => {
      const result = await auth(agentRequest(await token()));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.agent).toMatchObject({
        agentId: agent.id,
        clientId: agent.client_id,
        name: "ci-bot",
        owner: "team-a",
        environment: "production",
        issuer: BASE,
      });
      expect(result.agent.scopes).toEqual(["mcp:github:read", "mcp:jira:write"]);
    });

    it("answers 401 with resource_metadata when there is no token", async () => {
      const result = await auth(agentRequest());
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.response.status).toBe(401);
      expect(result.response.headers.get("content-type")).toBe("application/problem+json");
      expect(result.response.headers.get("www-authenticate")).toBe(
        `Bearer resource_metadata="${BASE}/.well-known/oauth-protected-resource/api/v1/decisions"`,
      );
    });

    it("accepts a token bound to the exact resource or to an extra audience, refuses another resource", async () => {
      const bound = await token({ resource: `${BASE}/mcp/production/github` });
      // The configured extra audience (mcp-server) travels in every token, so it is accepted anywhere…
      expect((await auth(agentRequest(bound))).ok).toBe(true);
      // …while a forged token whose only audience is another resource is refused.
      const other = await forge({ aud: [`${BASE}/mcp/production/github`] });
      const res = await auth(agentRequest(other));
      expect(res.ok).toBe(false);
      const exact = await forge({ aud: [RESOURCE] });
      expect((await auth(agentRequest(exact))).ok).toBe(false); // unknown jti: not issued by us
    });

    async function expectRefused(req: Request | Promise<Request>, status: number, reason?: string) {
      const result = await auth(await req);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.response.status).toBe(status);
      if (reason) expect(result.reason).toBe(reason);
      expect(result.response.headers.get("www-authenticate")).toContain("resource_metadata=");
    }

    it("refuses a wrong issuer, a wrong audience and a wrong typ", async () => {
      await expectRefused(
        forge({ iss: "http://evil.test" }).then((t) => agentRequest(t)),
        401,
        "unknown_issuer",
      );
      await expectRefused(
        forge({ aud: ["http://other.test"] }).then((t) => agentRequest(t)),
        401,
        "invalid_audience",
      );
      await expectRefused(
        forge({}, { typ: "JWT" }).then((t) => agentRequest(t)),
        401,
        "invalid_token",
      );
    });

    it("refuses alg none and HS256 signed with the public key", async () => {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        iss: BASE,
        sub: agent.client_id,
        aud: [BASE],
        env: "production",
        scope: "mcp:github:read",
        jti: "x",
        iat: now,
        exp: now + 300,
      };
      const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
      const none = `${enc({ alg: "none", typ: "at+jwt" })}.${enc(payload)}.`;
      await expectRefused(agentRequest(none), 401, "invalid_token");
      const pub = JSON.stringify((await jwks(db.prisma)).keys[0]);
      const kid = (await activeSigningKey(db.prisma)).kid;
      const signingInput = `${enc({ alg: "HS256", typ: "at+jwt", kid })}.${enc(payload)}`;
      const hs = `${signingInput}.${createHmac("sha256", pub).update(signingInput).digest("base64url")}`;
      await expectRefused(agentRequest(hs), 401, "invalid_token");
    });

    it("refuses an expired token, an unknown kid and ignores a jku header", async () => {
      const now = Math.floor(Date.now() / 1000);
      await expectRefused(
        forge({ iat: now - 700, exp: now - 60 }).then((t) => agentRequest(t)),
        401,
        "expired",
      );
      await expectRefused(
        forge({}, { kid: "no-such-key" }).then((t) => agentRequest(t)),
        401,
        "unknown_key",
      );
      // A token signed by an attacker's key, advertising that key through jku/jwk: never fetched, never trusted.
      const { privateKey, publicKey } = await generateKeyPair("ES256");
      const evil = await new SignJWT({ scope: "mcp:github:read", env: "production" })
        .setProtectedHeader({
          alg: "ES256",
          typ: "at+jwt",
          kid: "attacker",
          jku: "http://127.0.0.1:1/jwks.json",
          jwk: await exportJWK(publicKey),
        })
        .setIssuer(BASE)
        .setSubject(agent.client_id)
        .setAudience(BASE)
        .setJti("evil")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey);
      await expectRefused(agentRequest(evil), 401, "unknown_key");
      const { privateKey: rsa } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const rs = await new SignJWT({ env: "production" })
        .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: (await activeSigningKey(db.prisma)).kid })
        .setIssuer(BASE)
        .setSubject(agent.client_id)
        .setAudience(BASE)
        .setJti("rs")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(rsa);
      await expectRefused(agentRequest(rs), 401, "invalid_token");
    });

    it("refuses a token whose lifetime exceeds 15 minutes or whose env is not an environment", async () => {
      const now = Math.floor(Date.now() / 1000);
      await expectRefused(
        forge({ iat: now, exp: now + 3600 }).then((t) => agentRequest(t)),
        401,
        "lifetime",
      );
      await expectRefused(
        forge({ env: "prod" }).then((t) => agentRequest(t)),
        401,
        "invalid_environment",
      );
    });

    it("refuses a token in the query string, with or without the header", async () => {
      const t = await token();
      await expectRefused(
        agentRequest(undefined, { url: `${BASE}/api/v1/decisions?access_token=${t}` }),
        400,
        "token_in_query",
      );
      await expectRefused(
        agentRequest(t, { url: `${BASE}/api/v1/decisions?access_token=${t}` }),
        400,
        "token_in_query",
      );
    });

    it("refuses two Authorization headers", async () => {
      const t = await token();
      const headers = new Headers();
      headers.append("authorization", `Bearer ${t}`);
      headers.append("authorization", `Bearer ${t}`);
      await expectRefused(
        new Request(`${BASE}/api/v1/decisions`, { method: "POST", headers }),
        400,
        "duplicate_authorization",
      );
      const raw = await authenticateAgent(agentRequest(t), {
        resourceUrl: RESOURCE,
        prisma: db.prisma,
        rawHeaders: ["Authorization", `Bearer ${t}`, "authorization", "Bearer x"],
      });
      expect(raw.ok).toBe(false);
    });

    it("refuses console API tokens, metrics tokens and other schemes", async () => {
      await expectRefused(agentRequest("mgc_pat_abcdef"), 401, "console_token");
      await expectRefused(agentRequest("mgc_mt_abcdef"), 401, "console_token");
      await expectRefused(
        agentRequest(undefined, { headers: { authorization: `Basic ${Buffer.from("a:b").toString("base64")}` } }),
        401,
        "malformed_authorization",
      );
    });

    it("refuses a revoked jti within a second, and a disabled or revoked agent", async () => {
      const t = await token();
      expect((await auth(agentRequest(t))).ok).toBe(true);
      const jti = JSON.parse(Buffer.from(t.split(".")[1], "base64url").toString()).jti;
      await revokeIssuedToken(db.prisma, SYSTEM_ACTOR, jti, "test");
      await new Promise((r) => setTimeout(r, 1_050));
      await expectRefused(agentRequest(t), 401, "revoked_token");

      const t2 = await token();
      await setAgentStatus(db.prisma, SYSTEM_ACTOR, agent.id, "disabled", "test");
      __resetAgentStateCacheForTests();
      await expectRefused(agentRequest(t2), 401, "agent_inactive");
      await setAgentStatus(db.prisma, SYSTEM_ACTOR, agent.id, "active");
      __resetAgentStateCacheForTests();
      expect((await auth(agentRequest(t2))).ok).toBe(true);
      await setAgentStatus(db.prisma, SYSTEM_ACTOR, agent.id, "revoked", "drill");
      __resetAgentStateCacheForTests();
      await expectRefused(agentRequest(t2), 401);
      await setAgentStatus(db.prisma, SYSTEM_ACTOR, agent.id, "active", "drill over");
      __resetAgentStateCacheForTests();
      await expectRefused(agentRequest(t2), 401, "revoked_token");
      expect((await auth(agentRequest(await token()))).ok).toBe(true);
    });

    it("keeps verifying tokens signed by a rotated-out key, and signs new ones with the new key", async () => {
      const before = await token();
      const rotated = await rotateSigningKey(db.prisma, SYSTEM_ACTOR);
      expect((await jwks(db.prisma)).keys.map((k) => k.kid)).toEqual(
        expect.arrayContaining([rotated.kid, ...rotated.retired]),
      );
      expect((await auth(agentRequest(before))).ok).toBe(true);
      const after = await token();
      expect(JSON.parse(Buffer.from(after.split(".")[0], "base64url").toString()).kid).toBe(rotated.kid);
      expect((await auth(agentRequest(after))).ok).toBe(true);
    });
  });

  describe("requireScope (docs/order-of-checks.md#2-scope)", () => {
    it("passes a held scope and answers 403 insufficient_scope with the needed one", async () => {
      const result = await auth(agentRequest(await token()));
      if (!result.ok) throw new Error("expected a valid token");
      expect(requireScope(result.agent, "github", "read")).toBeNull();
      expect(requireScope(result.agent, "jira", "write")).toBeNull();
      const denied = requireScope(result.agent, "github", "write")!;
      expect(denied.status).toBe(403);
      expect(denied.headers.get("content-type")).toBe("application/problem+json");
      expect(denied.headers.get("www-authenticate")).toBe(
        `Bearer error="insufficient_scope", scope="mcp:github:write", resource_metadata="${BASE}/.well-known/oauth-protected-resource/api/v1/decisions"`,
      );
      // Classes do not imply each other: a write scope is not a read scope.
      expect(requireScope(result.agent, "jira", "read")?.status).toBe(403);
      expect(requireScope(result.agent, "jira", "admin")?.status).toBe(403);
    });
  });
});
