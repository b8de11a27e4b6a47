import "server-only";
import { importJWK, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from "jose";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { ACCESS_TOKEN_TYP } from "./issue-token";
import { MAX_TOKEN_TTL_SEC, publishedSigningKeys, SIGNING_ALG } from "./signing-keys";

/** Clock skew accepted on exp/nbf/iat, in seconds. */
export const CLOCK_TOLERANCE_SEC = 5;
const KEY_REFRESH_COOLDOWN_MS = 1_000;

const keys = new Map<string, CryptoKey>();
let lastKeyRefresh = 0;

export class TokenRejected extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

let refreshing: Promise<void> | null = null;

async function loadKeys(prisma: PrismaClient): Promise<void> {
  const rows = await publishedSigningKeys(prisma);
  const live = new Set(rows.map((r) => r.kid));
  for (const kid of keys.keys()) if (!live.has(kid)) keys.delete(kid);
  for (const row of rows) {
    if (!keys.has(row.kid)) keys.set(row.kid, (await importJWK(row.publicJwk as JWK, SIGNING_ALG)) as CryptoKey);
  }
}

/** One reload at a time and at most one per second, so a flood of unknown kids costs one query a second. */
function refreshKeys(prisma: PrismaClient): Promise<void> {
  refreshing ??= (async () => {
    const wait = lastKeyRefresh + KEY_REFRESH_COOLDOWN_MS - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastKeyRefresh = Date.now();
    await loadKeys(prisma);
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Our own keys only, found by kid in the database: `jku`, `jwk` and `x5u` headers are never followed. */
async function keyFor(prisma: PrismaClient, kid: string | undefined): Promise<CryptoKey> {
  if (!kid) throw new TokenRejected("unknown_key", "The token has no key id.");
  if (!keys.has(kid)) await refreshKeys(prisma);
  const key = keys.get(kid);
  if (!key) throw new TokenRejected("unknown_key", "The token was signed by an unknown key.");
  return key;
}

/** Signature, algorithm, typ, iss, exp/nbf and lifetime of a built-in token; audience is checked by the guard. */
export async function verifyBuiltinToken(prisma: PrismaClient, token: string): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, (header) => keyFor(prisma, header.kid), {
      algorithms: [SIGNING_ALG],
      issuer: env().PUBLIC_URL,
      typ: ACCESS_TOKEN_TYP,
      clockTolerance: CLOCK_TOLERANCE_SEC,
      requiredClaims: ["exp", "iat", "jti", "sub", "aud"],
    });
    if ((payload.exp as number) - (payload.iat as number) > MAX_TOKEN_TTL_SEC) {
      throw new TokenRejected("lifetime", "The token lives longer than the issuer allows.");
    }
    return payload;
  } catch (err) {
    if (err instanceof TokenRejected) throw err;
    const code = (err as { code?: string }).code ?? "invalid";
    throw new TokenRejected(code === "ERR_JWT_EXPIRED" ? "expired" : "invalid_token", describeJoseError(code));
  }
}

export function describeJoseError(code: string): string {
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "The token has expired.";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return "A token claim is invalid (issuer, type, not-before or a required claim).";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "The token's signing algorithm is not accepted.";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "The token's signature does not verify.";
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "The token was signed by an unknown key.";
    default:
      return "The token is invalid.";
  }
}

export function __resetBuiltinKeysForTests(): void {
  keys.clear();
  lastKeyRefresh = 0;
}
