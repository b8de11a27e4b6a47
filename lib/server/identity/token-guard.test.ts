import { createHmac, generateKeyPairSync } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import type { DbKind } from "@/lib/testing/test-db";
import { tokenIssuerSuite } from "@/lib/testing/token-issuer-world";

// The token guard: which tokens authenticate an agent, and which scopes a call needs.
const suite = await tokenIssuerSuite();
const { BASE, RESOURCE, agentRequest } = suite;
const { SYSTEM_ACTOR } = await import("../audit");
const { revokeIssuedToken, setAgentStatus } = await import("../agents");
const { authenticateAgent, requireScope, __resetTokenGuardCachesForTests } = await import("./token-guard");
const { __resetAgentStateCacheForTests } = await import("./agent-state");
const { activeSigningKey, rotateSigningKey, jwks } = await import("./signing-keys");

describe.each(suite.kinds)("built-in issuer and token guard on %s", (kind: DbKind) => {
  const w = suite.onDatabase(kind);
  const { auth, token, forge } = w;

  describe("authenticateAgent (docs/order-of-checks.md#1-authenticate)", () => {
    it("accepts a valid token and returns the agent", async () => {
      const result = await auth(agentRequest(await token()));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.agent).toMatchObject({
        agentId: w.agent.id,
        clientId: w.agent.client_id,
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
        sub: w.agent.client_id,
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
      const pub = JSON.stringify((await jwks(w.db.prisma)).keys[0]);
      const kid = (await activeSigningKey(w.db.prisma)).kid;
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
        .setSubject(w.agent.client_id)
        .setAudience(BASE)
        .setJti("evil")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(privateKey);
      await expectRefused(agentRequest(evil), 401, "unknown_key");
      const { privateKey: rsa } = generateKeyPairSync("rsa", { modulusLength: 2048 });
      const rs = await new SignJWT({ env: "production" })
        .setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: (await activeSigningKey(w.db.prisma)).kid })
        .setIssuer(BASE)
        .setSubject(w.agent.client_id)
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
        prisma: w.db.prisma,
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
      await revokeIssuedToken(w.db.prisma, SYSTEM_ACTOR, jti, "test");
      await new Promise((r) => setTimeout(r, 1_050));
      await expectRefused(agentRequest(t), 401, "revoked_token");

      const t2 = await token();
      await setAgentStatus(w.db.prisma, SYSTEM_ACTOR, w.agent.id, "disabled", "test");
      __resetAgentStateCacheForTests();
      await expectRefused(agentRequest(t2), 401, "agent_inactive");
      await setAgentStatus(w.db.prisma, SYSTEM_ACTOR, w.agent.id, "active");
      __resetAgentStateCacheForTests();
      expect((await auth(agentRequest(t2))).ok).toBe(true);
      await setAgentStatus(w.db.prisma, SYSTEM_ACTOR, w.agent.id, "revoked", "drill");
      __resetAgentStateCacheForTests();
      await expectRefused(agentRequest(t2), 401);
      await setAgentStatus(w.db.prisma, SYSTEM_ACTOR, w.agent.id, "active", "drill over");
      __resetAgentStateCacheForTests();
      await expectRefused(agentRequest(t2), 401, "revoked_token");
      expect((await auth(agentRequest(await token()))).ok).toBe(true);
    });

    it("keeps verifying tokens signed by a rotated-out key, and signs new ones with the new key", async () => {
      const before = await token();
      const rotated = await rotateSigningKey(w.db.prisma, SYSTEM_ACTOR);
      expect((await jwks(w.db.prisma)).keys.map((k) => k.kid)).toEqual(
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
