import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** High-entropy bearer secrets (API tokens, metrics tokens, client secrets): sha256 at rest is enough. */
export function newSecret(prefix: string): { token: string; hash: string; display: string } {
  const token = `${prefix}_${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashSecret(token), display: `${token.slice(0, prefix.length + 5)}…` };
}

export function hashSecret(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
