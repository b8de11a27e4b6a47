import { createHmac, createPublicKey, generateKeyPairSync } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import {
  agent,
  attackedConsole,
  countDecisions,
  decisionsBefore,
  enc,
  forge,
  listenerHits,
  listenerUrl,
  now,
  post,
  publicJwk,
  realClaims,
  signing,
  stagingAgent,
  twoHeaders,
  world,
} from "@/lib/testing/jwt-attack-world";
import { postgresBinariesForFaultTests } from "@/lib/testing/pg-instance";

/**
 * The token guard attacked through the real HTTP entry (server.ts, POST /api/v1/decisions):
 * each row is a token (or a way of sending one) and the status it must get. Tokens are forged
 * with the console's own signing key, read from its database, so only the attacked claim or
 * header is wrong. jku/x5u point at a listener that must never be contacted.
 */
const hasBinaries = postgresBinariesForFaultTests();

interface Row {
  name: string;
  send: () => Promise<Response>;
  status: number;
  /** Expected `error` in WWW-Authenticate (invalid_token / invalid_request), when the guard names one. */
  error?: string;
}

describe.skipIf(!hasBinaries)("JWT attacks on POST /api/v1/decisions through server.ts", () => {
  attackedConsole();

  it("accepts the control: a real token, and a forged copy of it signed with the real key", async () => {
    expect((await post(await agent.client.accessToken())).status).toBe(200);
    // The forging helper produces what the issuer produces, so every refusal below is the attacked part.
    const { jti: _jti, ...claims } = await realClaims();
    expect((await post(await forge({ ...claims, jti: (await realClaims()).jti }))).status).toBe(200);
  });

  it("refuses every row of the attack table with the right status, stores no decision, and never follows jku/x5u", async () => {
    const payload = {
      iss: world.url,
      sub: agent.clientId,
      aud: [world.url],
      env: "production",
      scope: "mcp:github:read",
      jti: String((await realClaims()).jti),
      iat: now(),
      exp: now() + 300,
    };
    const hs256 = (secret: string | Buffer) => {
      const input = `${enc({ alg: "HS256", typ: "at+jwt", kid: signing.kid })}.${enc(payload)}`;
      return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
    };
    const pem = createPublicKey({ key: publicJwk as never, format: "jwk" }).export({ type: "spki", format: "pem" });
    const attacker = await generateKeyPair("ES256");
    const attackerJwk = await exportJWK(attacker.publicKey);
    const attackerSigned = (header: Record<string, unknown>) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: "ES256", typ: "at+jwt", ...header } as never)
        .sign(attacker.privateKey);
    const { privateKey: rsa } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const real = await agent.client.accessToken();
    const realJti = (await realClaims()).jti;

    const rows: Row[] = [
      {
        name: "alg: none",
        send: async () => post(`${enc({ alg: "none", typ: "at+jwt", kid: signing.kid })}.${enc(payload)}.`),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "alg: None (case)",
        send: async () => post(`${enc({ alg: "None", typ: "at+jwt" })}.${enc(payload)}.`),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "HS256 signed with the public JWK",
        send: async () => post(hs256(JSON.stringify(publicJwk))),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "HS256 signed with the public key PEM",
        send: async () => post(hs256(String(pem))),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "RS256 with our kid",
        send: async () =>
          post(
            await new SignJWT(payload).setProtectedHeader({ alg: "RS256", typ: "at+jwt", kid: signing.kid }).sign(rsa),
          ),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "unknown kid",
        send: async () => post(await forge({}, { kid: "no-such-key" })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "no kid",
        send: async () => post(await forge({}, { kid: undefined })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "jku to an attacker JWKS (ignored)",
        send: async () => post(await attackerSigned({ kid: "attacker", jku: `${listenerUrl}/jwks.json` })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "x5u to an attacker certificate (ignored)",
        send: async () => post(await attackerSigned({ kid: "attacker", x5u: `${listenerUrl}/cert.pem` })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "jku with our kid (ignored, real key verifies nothing)",
        send: async () => post(await attackerSigned({ kid: signing.kid, jku: `${listenerUrl}/jwks.json` })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "embedded jwk header",
        send: async () => post(await attackerSigned({ kid: "attacker", jwk: attackerJwk })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "signature of another key under our kid",
        send: async () => post(await attackerSigned({ kid: signing.kid })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "wrong iss",
        send: async () => post(await forge({ iss: "https://evil.example" })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "iss with a trailing slash",
        send: async () => post(await forge({ iss: `${world.url}/` })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "wrong aud",
        send: async () => post(await forge({ aud: ["https://other.example"] })),
        status: 401,
        error: "invalid_token",
      },
      { name: "no aud", send: async () => post(await forge({ aud: undefined })), status: 401, error: "invalid_token" },
      {
        name: "expired",
        send: async () => post(await forge({ iat: now() - 900, exp: now() - 60 })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "not yet valid (nbf in 10 min)",
        send: async () => post(await forge({ nbf: now() + 600 })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "issued in the future (iat in 10 min)",
        send: async () => post(await forge({ iat: now() + 600, exp: now() + 900 })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "missing exp",
        send: async () => post(await forge({ exp: undefined })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "lifetime over 15 minutes",
        send: async () => post(await forge({ iat: now(), exp: now() + 3_600 })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "typ JWT instead of at+jwt",
        send: async () => post(await forge({}, { typ: "JWT" })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "env claim of another environment (agent is production)",
        send: async () => post(await forge({ env: "staging", jti: realJti })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "env claim that names no environment",
        send: async () => post(await forge({ env: "prod", jti: realJti })),
        status: 401,
        error: "invalid_token",
      },
      { name: "jti never issued", send: async () => post(await forge()), status: 401, error: "invalid_token" },
      {
        name: "sub of another agent with a real jti",
        send: async () => post(await forge({ sub: stagingAgent.clientId, env: "staging", jti: realJti })),
        status: 401,
        error: "invalid_token",
      },
      {
        name: "token in the query string only",
        send: async () => post(null, { query: `?access_token=${real}` }),
        status: 400,
        error: "invalid_request",
      },
      {
        name: "token in the query string and the header",
        send: async () => post(real, { query: `?access_token=${real}` }),
        status: 400,
        error: "invalid_request",
      },
      { name: "two Authorization headers", send: () => twoHeaders(real, real), status: 400, error: "invalid_request" },
      {
        name: "Basic instead of Bearer",
        send: async () =>
          post(null, {
            headers: {
              authorization: `Basic ${Buffer.from(`${agent.clientId}:${agent.clientSecret}`).toString("base64")}`,
            },
          }),
        status: 401,
        error: "invalid_token",
      },
      { name: "console API token", send: async () => post(world.adminToken), status: 401, error: "invalid_token" },
      { name: "no token", send: async () => post(null), status: 401 },
      { name: "truncated signature", send: async () => post(real.slice(0, -10)), status: 401, error: "invalid_token" },
      {
        name: "payload swapped under a real signature",
        send: async () => {
          const [h, , s] = real.split(".");
          return post(`${h}.${enc({ ...payload, scope: "mcp:*:admin" })}.${s}`);
        },
        status: 401,
        error: "invalid_token",
      },
    ];

    const wrong: string[] = [];
    for (const row of rows) {
      const res = await row.send();
      const challenge = res.headers.get("www-authenticate") ?? "";
      if (res.status !== row.status) wrong.push(`${row.name}: ${res.status}, want ${row.status}`);
      else if (!challenge.includes("resource_metadata="))
        wrong.push(`${row.name}: no resource_metadata in WWW-Authenticate`);
      else if (row.error && !challenge.includes(`error="${row.error}"`))
        wrong.push(`${row.name}: WWW-Authenticate ${challenge}, want error="${row.error}"`);
    }
    expect(wrong).toEqual([]);
    expect(listenerHits, "the guard fetched a jku/x5u URL").toEqual([]);
    expect(await countDecisions(), "a refused token left a decision row").toBe(decisionsBefore + 2);
  });

  it("a token of another environment's agent decides only within that environment", async () => {
    const res = await post(await stagingAgent.client.accessToken());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ decision: "DENY", reason: "environment_mismatch" });
  });

  it("refuses a revoked jti (revoked through the console API) within the 1 s bound", async () => {
    const token = await agent.client.accessToken();
    expect((await post(token)).status).toBe(200);
    const revoked = await world.call("POST", `/api/console/tokens/${(await realClaims()).jti}/revoke`, {
      body: { reason: "jwt attack table" },
    });
    expect(revoked.status).toBe(200);
    await new Promise((r) => setTimeout(r, 1_050));
    const res = await post(token);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });
});
