import { describe, expect, it } from "vitest";
import type { DbKind } from "@/lib/testing/test-db";
import { tokenIssuerSuite } from "@/lib/testing/token-issuer-world";

// The built-in issuer's token endpoint: client authentication, scopes, resources, rate limits.
const suite = await tokenIssuerSuite();
const { BASE, RESOURCE, tokenRequest } = suite;
const { SYSTEM_ACTOR } = await import("../audit");
const { createAgent } = await import("../agents");
const { tokenEndpoint } = await import("./token-endpoint");
const { __resetTokenGuardCachesForTests } = await import("./token-guard");
const { __resetAgentStateCacheForTests } = await import("./agent-state");

describe.each(suite.kinds)("built-in issuer and token guard on %s", (kind: DbKind) => {
  const w = suite.onDatabase(kind);

  describe("POST /api/oauth/token", () => {
    it("issues an ES256 at+jwt with client_secret_basic", async () => {
      const res = await tokenEndpoint(
        w.db.prisma,
        tokenRequest({ grant_type: "client_credentials" }, [w.agent.client_id, w.agent.client_secret]),
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
        sub: w.agent.client_id,
        aud: [BASE, "mcp-server"],
        env: "production",
        scope: "mcp:github:read mcp:jira:write",
      });
      expect(p.exp - p.iat).toBeLessThanOrEqual(900);
      expect(await w.db.prisma.issuedToken.findUnique({ where: { jti: p.jti } })).toMatchObject({
        clientId: w.agent.client_id,
      });
      expect(await w.db.prisma.auditEvent.count({ where: { action: "token.issue", targetId: p.jti } })).toBe(1);
    });

    it("accepts client_secret_post, narrows scope and binds a resource", async () => {
      const res = await tokenEndpoint(
        w.db.prisma,
        tokenRequest({
          grant_type: "client_credentials",
          client_id: w.agent.client_id,
          client_secret: w.agent.client_secret,
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
        w.db.prisma,
        tokenRequest({ grant_type: "client_credentials", ...extra }, [w.agent.client_id, w.agent.client_secret]),
      );
      expect(res.status).toBe(status);
      expect(await res.json()).toMatchObject({ error });
    });

    it("answers invalid_client (401) for a wrong secret, an unknown client or no credentials", async () => {
      for (const req of [
        tokenRequest({ grant_type: "client_credentials" }, [w.agent.client_id, "mgc_cs_wrong"]),
        tokenRequest({ grant_type: "client_credentials", client_id: "agt_nobody", client_secret: "x" }),
        tokenRequest({ grant_type: "client_credentials" }),
      ]) {
        const res = await tokenEndpoint(w.db.prisma, req);
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ error: "invalid_client" });
      }
    });

    it("rate-limits repeated failed client authentication", async () => {
      const victim = await createAgent(
        w.db.prisma,
        SYSTEM_ACTOR,
        { name: "victim", environment: "staging", scopes: ["mcp:*:read"], owner: "", description: "" },
        null,
      );
      let last = 0;
      for (let i = 0; i < 21; i++)
        last = (
          await tokenEndpoint(
            w.db.prisma,
            tokenRequest({ grant_type: "client_credentials" }, [victim.client_id, `wrong-${i}`]),
          )
        ).status;
      expect(last).toBe(429);
      const good = await tokenEndpoint(
        w.db.prisma,
        tokenRequest({ grant_type: "client_credentials" }, [victim.client_id, victim.client_secret]),
      );
      expect(good.status).toBe(429);
    });
  });
});
