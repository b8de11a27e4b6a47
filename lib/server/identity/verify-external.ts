import "server-only";
import { processSingleton } from "../singleton";
import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload } from "jose";
import type { PrismaClient, TrustedIssuer } from "@/lib/generated/prisma/client";
import { parseScopeValue } from "@/lib/auth/scopes";
import { env } from "@/lib/env";
import { open } from "../crypto-box";
import { createGuardedFetch } from "../ssrf";
import { CLOCK_TOLERANCE_SEC, describeJoseError, TokenRejected } from "./verify-builtin";

/** Seconds of skew accepted on an external issuer's exp/nbf (their clocks are not ours). */
const EXTERNAL_CLOCK_TOLERANCE_SEC = 30;
const ISSUERS_TTL_MS = 1_000;
const JWKS_COOLDOWN_MS = 30_000;
const JWKS_MAX_AGE_MS = 10 * 60_000;

export const ISSUER_SECRET_PURPOSE = "trusted-issuer-secret";

export interface ExternalIdentity {
  issuer: TrustedIssuer;
  clientId: string;
  scopes: string[];
  environment: unknown;
  jti: string | null;
  exp: number;
}

// Like every cache the change feed clears: each bundle loading this module must see one list.
const issuersCache = processSingleton("trustedIssuers", () => ({
  at: 0,
  generation: 0,
  rows: null as TrustedIssuer[] | null,
}));
const jwksByIssuer = new Map<string, { uri: string; set: ReturnType<typeof createRemoteJWKSet> }>();

/** Identity providers are shared by every environment: judged as production (https only) outside development and tests. */
export function identityProviderSsrfEnvironment(): "development" | "production" {
  return env().NODE_ENV === "production" ? "production" : "development";
}

function guardedFetch() {
  const e = env();
  return createGuardedFetch({
    environment: identityProviderSsrfEnvironment(),
    allowHosts: e.SSRF_ALLOW_HOSTS,
    timeoutMs: 5_000,
    maxBytes: 256 * 1024,
  });
}

export async function activeIssuers(prisma: PrismaClient): Promise<TrustedIssuer[]> {
  const now = Date.now();
  if (issuersCache.rows && now - issuersCache.at < ISSUERS_TTL_MS) return issuersCache.rows;
  const generation = issuersCache.generation;
  const rows = await prisma.trustedIssuer.findMany({ where: { status: "active" }, orderBy: { createdAt: "asc" } });
  // A change forgot the list meanwhile: this read may predate it, so it is not kept.
  if (generation === issuersCache.generation) Object.assign(issuersCache, { at: now, rows });
  return rows;
}

/** Forgets the trusted-issuer list: the next external token reads it again. */
export function forgetTrustedIssuers(): void {
  issuersCache.generation++;
  issuersCache.rows = null;
}

function jwksFor(issuer: TrustedIssuer) {
  const cached = jwksByIssuer.get(issuer.id);
  if (cached && cached.uri === issuer.jwksUri) return cached.set;
  const set = createRemoteJWKSet(new URL(issuer.jwksUri!), {
    cooldownDuration: JWKS_COOLDOWN_MS,
    cacheMaxAge: JWKS_MAX_AGE_MS,
    timeoutDuration: 5_000,
    [customFetch]: guardedFetch(),
  });
  jwksByIssuer.set(issuer.id, { uri: issuer.jwksUri!, set });
  return set;
}

function identityOf(issuer: TrustedIssuer, claims: Record<string, unknown>): ExternalIdentity {
  const clientId = claims[issuer.clientIdClaim];
  if (typeof clientId !== "string" || !clientId)
    throw new TokenRejected("invalid_token", `The token has no ${issuer.clientIdClaim} claim.`);
  return {
    issuer,
    clientId,
    scopes: parseScopeValue(claims[issuer.scopeClaim]),
    environment: claims[issuer.environmentClaim],
    jti: typeof claims.jti === "string" ? claims.jti : null,
    exp: typeof claims.exp === "number" ? claims.exp : 0,
  };
}

/** A JWT from a trusted issuer: its JWKS (through the guard, cached with a cooldown), pinned algorithms, exact iss, expected aud. */
export async function verifyExternalJwt(
  issuer: TrustedIssuer,
  token: string,
  typ: string | undefined,
): Promise<ExternalIdentity> {
  if (!issuer.jwksUri)
    throw new TokenRejected("invalid_token", "This issuer's tokens are verified by introspection only.");
  // `typ` is checked where the issuer sets it: an ID token or other JWT type is refused.
  if (typ !== undefined && !/^(application\/)?at\+jwt$/i.test(typ))
    throw new TokenRejected("invalid_token", "The token is not an access token (typ).");
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, jwksFor(issuer), {
      algorithms: issuer.algorithms,
      issuer: issuer.issuer,
      audience: issuer.audience,
      clockTolerance: EXTERNAL_CLOCK_TOLERANCE_SEC,
      requiredClaims: ["exp"],
    }));
  } catch (err) {
    const code = (err as { code?: string }).code ?? "invalid";
    throw new TokenRejected(code === "ERR_JWT_EXPIRED" ? "expired" : "invalid_token", describeJoseError(code));
  }
  return identityOf(issuer, payload);
}

/** RFC 7662 introspection of an opaque token at each issuer that offers it; the first `active: true` answer wins. */
export async function introspectOpaqueToken(issuers: TrustedIssuer[], token: string): Promise<ExternalIdentity> {
  const fetch = guardedFetch();
  for (const issuer of issuers) {
    if (!issuer.introspectionUrl || !issuer.clientId || !issuer.clientSecretEnc) continue;
    const secret = open(issuer.clientSecretEnc, `${ISSUER_SECRET_PURPOSE}:${issuer.id}`);
    const basic = Buffer.from(`${encodeURIComponent(issuer.clientId)}:${encodeURIComponent(secret)}`).toString(
      "base64",
    );
    let body: Record<string, unknown>;
    try {
      const res = await fetch(issuer.introspectionUrl, {
        method: "POST",
        headers: {
          authorization: `Basic ${basic}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: new URLSearchParams({ token, token_type_hint: "access_token" }).toString(),
      });
      if (!res.ok) continue;
      body = (await res.json()) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (body.active !== true) continue;
    const now = Math.floor(Date.now() / 1000);
    if (typeof body.exp !== "number" || body.exp + EXTERNAL_CLOCK_TOLERANCE_SEC < now)
      throw new TokenRejected("expired", "The token has expired.");
    if (typeof body.nbf === "number" && body.nbf - EXTERNAL_CLOCK_TOLERANCE_SEC > now)
      throw new TokenRejected("invalid_token", "The token is not valid yet.");
    if (body.iss !== undefined && body.iss !== issuer.issuer)
      throw new TokenRejected("invalid_token", "The token's issuer does not match.");
    const aud = Array.isArray(body.aud) ? body.aud : [body.aud];
    if (!aud.includes(issuer.audience))
      throw new TokenRejected("invalid_audience", "The token is not meant for this console (aud).");
    if (
      body.token_type !== undefined &&
      typeof body.token_type === "string" &&
      !/^(bearer|access_token)$/i.test(body.token_type)
    ) {
      throw new TokenRejected("invalid_token", "The token is not an access token.");
    }
    return identityOf(issuer, body);
  }
  throw new TokenRejected("invalid_token", "The token is not recognised.");
}

export function __resetExternalCachesForTests(): void {
  forgetTrustedIssuers();
  jwksByIssuer.clear();
}

export { CLOCK_TOLERANCE_SEC };
