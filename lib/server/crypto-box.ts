import "server-only";
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "@/lib/env";
import { authSecret } from "./auth-secret";

// Format: "v1.<iv b64url>.<ciphertext b64url>.<tag b64url>"; the purpose is bound as AAD,
// so a value sealed for one column cannot be replayed into another.
const VERSION = "v1";
const keys = new Map<string, Buffer>();

function masterSecret(): string {
  return env().ENCRYPTION_KEY ?? authSecret();
}

/** A 32-byte key for one purpose (HKDF info), derived from ENCRYPTION_KEY (or the auth secret). */
export function derivedKey(purpose: string, secret = masterSecret()): Buffer {
  const id = `${purpose}\u0000${secret}`;
  let key = keys.get(id);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "mcp-governance-console", purpose, 32));
    keys.set(id, key);
  }
  return key;
}

function keyFor(secret: string): Buffer {
  return derivedKey("crypto-box/aes-256-gcm/v1", secret);
}

export class CryptoBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CryptoBoxError";
  }
}

/** AES-256-GCM with a key derived by HKDF from ENCRYPTION_KEY (or the auth secret). */
export function seal(plaintext: string, purpose: string, secret = masterSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    body.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

export function open(sealed: string, purpose: string, secret = masterSecret()): string {
  const parts = sealed.split(".");
  if (parts.length !== 4 || parts[0] !== VERSION) throw new CryptoBoxError("not a sealed value");
  const [, iv, body, tag] = parts.map((p, i) => (i === 0 ? Buffer.alloc(0) : Buffer.from(p, "base64url")));
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(secret), iv);
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    throw new CryptoBoxError("the value cannot be decrypted with this key (wrong ENCRYPTION_KEY, or tampered)");
  }
}

export function sealJson(value: unknown, purpose: string): string {
  return seal(JSON.stringify(value), purpose);
}

export function openJson<T>(sealed: string, purpose: string): T {
  return JSON.parse(open(sealed, purpose)) as T;
}
