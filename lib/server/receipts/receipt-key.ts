import "server-only";
import { KeyObject } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { RECEIPT_TYP } from "@/lib/receipt-verifier";
import { activeSigningKey, privateKeyOf, publishedSigningKeys, SIGNING_ALG } from "../identity/signing-keys";

/**
 * A new issuer key signs receipts only once it has been in the JWKS this long: verifiers refetch a
 * JWKS on an unknown kid at most every 30 s (jose's cooldown), so none meets a key it cannot fetch yet.
 * The key it replaces stays published for the issuer's grace period, far beyond any receipt's expiry.
 */
export const RECEIPT_KEY_PREPUBLISH_MS = 30_000;
const REFRESH_MS = 1_000;

export interface ReceiptKey {
  kid: string;
  /** The base64url JWS protected header, encoded once per key. */
  header: string;
  key: KeyObject;
}

let current: { key: ReceiptKey; at: number } | undefined;
let loading: Promise<ReceiptKey> | undefined;

/**
 * The key receipts are signed with. Re-read at most every second, in the background once one is
 * known: a stalled database delays no receipt (the key it holds stays published long after rotation).
 */
export function receiptSigningKey(prisma: PrismaClient): Promise<ReceiptKey> | ReceiptKey {
  const now = performance.now();
  if (current && now - current.at < REFRESH_MS) return current.key;
  loading ??= loadKey(prisma)
    .then((key) => ((current = { key, at: performance.now() }), key))
    .finally(() => (loading = undefined));
  if (current) {
    loading.catch(() => undefined);
    return current.key;
  }
  return loading;
}

/** Forgets the cached key (tests that rotate keys). */
export function forgetReceiptKey(): void {
  current = undefined;
}

async function loadKey(prisma: PrismaClient): Promise<ReceiptKey> {
  let rows = await publishedSigningKeys(prisma);
  if (rows.length === 0) {
    await activeSigningKey(prisma);
    rows = await publishedSigningKeys(prisma);
  }
  const cutoff = Date.now() - RECEIPT_KEY_PREPUBLISH_MS;
  // Newest first: the newest key published long enough, else the one published longest (a fresh install).
  const row = rows.find((r) => r.createdAt.getTime() <= cutoff) ?? rows[rows.length - 1];
  const header = { alg: SIGNING_ALG, typ: RECEIPT_TYP, kid: row.kid };
  return {
    kid: row.kid,
    header: Buffer.from(JSON.stringify(header)).toString("base64url"),
    key: KeyObject.from(await privateKeyOf(row)),
  };
}
