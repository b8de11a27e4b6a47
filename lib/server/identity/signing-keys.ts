import "server-only";
import { lockInTx } from "../advisory-locks";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from "jose";
import type { PrismaClient, SigningKey } from "@/lib/generated/prisma/client";
import { writeAudit, type Actor } from "../audit";
import { open, seal } from "../crypto-box";

export const SIGNING_ALG = "ES256";
/** The longest access-token lifetime the issuer allows (docs/agent-api.md#tokens: exp ≤ 15 min). */
export const MAX_TOKEN_TTL_SEC = 900;
/** A retired key stays published this long: every token it signed has expired by then. */
const RETIRED_KEY_GRACE_MS = (MAX_TOKEN_TTL_SEC + 120) * 1000;
const PURPOSE = "signing-key";

export interface ActiveSigningKey {
  kid: string;
  privateKey: CryptoKey;
}

const privateKeys = new Map<string, CryptoKey>();

async function createKeyRow(prisma: Pick<PrismaClient, "signingKey">): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const kid = `${new Date().toISOString().slice(0, 10)}-${randomBytes(6).toString("base64url")}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: SIGNING_ALG, use: "sig" };
  const privateJwk = await exportJWK(privateKey);
  return prisma.signingKey.create({
    data: {
      kid,
      alg: SIGNING_ALG,
      publicJwk: publicJwk as object,
      privateJwkEnc: seal(JSON.stringify(privateJwk), `${PURPOSE}:${kid}`),
    },
  });
}

export async function privateKeyOf(row: SigningKey): Promise<CryptoKey> {
  let key = privateKeys.get(row.kid);
  if (!key) {
    const jwk = JSON.parse(open(row.privateJwkEnc, `${PURPOSE}:${row.kid}`)) as JWK;
    key = (await importJWK(jwk, SIGNING_ALG)) as CryptoKey;
    privateKeys.set(row.kid, key);
  }
  return key;
}

/** The newest unretired key; generated (once, across processes) on first use. */
export async function activeSigningKey(prisma: PrismaClient): Promise<ActiveSigningKey> {
  let row = await prisma.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
  if (!row) {
    row = await prisma.$transaction(async (tx) => {
      await lockInTx(tx, "SIGNING_KEYS");
      const existing = await tx.signingKey.findFirst({ where: { retiredAt: null }, orderBy: { createdAt: "desc" } });
      return existing ?? createKeyRow(tx);
    });
  }
  return { kid: row.kid, privateKey: await privateKeyOf(row) };
}

/** Keys that may still verify a token: the active ones and those retired within the grace period. */
export async function publishedSigningKeys(prisma: PrismaClient): Promise<SigningKey[]> {
  return prisma.signingKey.findMany({
    where: { OR: [{ retiredAt: null }, { retiredAt: { gt: new Date(Date.now() - RETIRED_KEY_GRACE_MS) } }] },
    orderBy: { createdAt: "desc" },
  });
}

export async function jwks(prisma: PrismaClient): Promise<{ keys: JWK[] }> {
  return { keys: (await publishedSigningKeys(prisma)).map((k) => k.publicJwk as JWK) };
}

/** A new key signs from now on; the old one stays in the JWKS until its tokens have expired. */
export async function rotateSigningKey(prisma: PrismaClient, actor: Actor) {
  return prisma.$transaction(async (tx) => {
    await lockInTx(tx, "SIGNING_KEYS");
    const retired = await tx.signingKey.findMany({ where: { retiredAt: null }, select: { kid: true } });
    await tx.signingKey.updateMany({ where: { retiredAt: null }, data: { retiredAt: new Date() } });
    const row = await createKeyRow(tx);
    await writeAudit(tx, {
      actor,
      action: "signing_key.rotate",
      target: { type: "signing_key", id: row.kid },
      data: { retired: retired.map((r) => r.kid) },
    });
    return { kid: row.kid, retired: retired.map((r) => r.kid), created_at: row.createdAt.toISOString() };
  });
}

export async function listSigningKeys(prisma: PrismaClient) {
  const rows = await prisma.signingKey.findMany({ orderBy: { createdAt: "desc" }, take: 20 });
  const cutoff = Date.now() - RETIRED_KEY_GRACE_MS;
  return rows.map((r) => ({
    kid: r.kid,
    alg: r.alg,
    created_at: r.createdAt.toISOString(),
    retired_at: r.retiredAt?.toISOString() ?? null,
    published: !r.retiredAt || r.retiredAt.getTime() > cutoff,
  }));
}
