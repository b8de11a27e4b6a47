/** Private keys as real tools write them: ed25519 in OpenSSH format and EC keys in PEM, derived from seeded bytes. */
import { createECDH, createPrivateKey, createPublicKey } from "node:crypto";
import { RSA_OPENSSH, RSA_PKCS8_PEM, RSA_TRADITIONAL_PEM } from "./key-fixtures";
import type { Rng } from "./rng";

export interface PrivateKey {
  kind: string;
  text: string;
  /** Body lines holding private material (never the shared header line). */
  secretLines: string[];
}

const bytes = (r: Rng, n: number): Buffer => Buffer.from(Array.from({ length: n }, () => r.int(0, 255)));

function sshString(b: Buffer | string): Buffer {
  const body = typeof b === "string" ? Buffer.from(b, "utf8") : b;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

function wrap(b64: string, width: number): string[] {
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += width) lines.push(b64.slice(i, i + width));
  return lines;
}

/** Full body lines of the key, minus the BEGIN/END lines and the header every OpenSSH key shares. */
function middleLines(lines: string[]): string[] {
  return lines.slice(1, -1).filter((l) => l.length >= 40 && !l.startsWith("b3BlbnNzaC1rZXktdjE"));
}

/** `ssh-keygen -t ed25519` output, byte for byte in layout (openssh-key-v1, cipher none). */
export function opensshEd25519(r: Rng, comment: string): PrivateKey {
  const seed = bytes(r, 32);
  const pkcs8 = Buffer.concat([Buffer.from("302e020100300506032b657004220420", "hex"), seed]);
  const key = createPrivateKey({ key: pkcs8, format: "der", type: "pkcs8" });
  const spki = createPublicKey(key).export({ format: "der", type: "spki" });
  const pub = spki.subarray(spki.length - 32);
  const pubBlob = Buffer.concat([sshString("ssh-ed25519"), sshString(pub)]);
  const check = r.int(0, 0xffffffff);
  let priv = Buffer.concat([
    u32(check),
    u32(check),
    sshString("ssh-ed25519"),
    sshString(pub),
    sshString(Buffer.concat([seed, pub])),
    sshString(comment),
  ]);
  const pad: number[] = [];
  for (let i = 1; (priv.length + pad.length) % 8 !== 0; i++) pad.push(i);
  priv = Buffer.concat([priv, Buffer.from(pad)]);
  const blob = Buffer.concat([
    Buffer.from("openssh-key-v1\0", "latin1"),
    sshString("none"),
    sshString("none"),
    sshString(""),
    u32(1),
    sshString(pubBlob),
    sshString(priv),
  ]);
  const lines = wrap(blob.toString("base64"), 70);
  return {
    kind: "openssh-ed25519",
    text: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join("\n")}\n-----END OPENSSH PRIVATE KEY-----\n`,
    secretLines: middleLines(lines),
  };
}

/** `openssl ecparam -genkey` (SEC1) or `openssl genpkey` (PKCS#8) P-256 key. */
export function ecPem(r: Rng, type: "sec1" | "pkcs8"): PrivateKey {
  const d = bytes(r, 32);
  d[0] = (d[0] % 0x7f) + 1; // stay below the curve order
  const ecdh = createECDH("prime256v1");
  ecdh.setPrivateKey(d);
  const pub = ecdh.getPublicKey();
  const jwk = {
    kty: "EC",
    crv: "P-256",
    d: d.toString("base64url"),
    x: pub.subarray(1, 33).toString("base64url"),
    y: pub.subarray(33).toString("base64url"),
  };
  const pem = createPrivateKey({ key: jwk, format: "jwk" }).export({ format: "pem", type }) as string;
  return { kind: `ec-${type}`, text: pem, secretLines: middleLines(pem.trim().split("\n")) };
}

function fixture(kind: string, text: string): PrivateKey {
  return { kind, text, secretLines: middleLines(text.trim().split("\n")) };
}

export const RSA_KEYS: readonly PrivateKey[] = [
  fixture("rsa-traditional", RSA_TRADITIONAL_PEM),
  fixture("rsa-pkcs8", RSA_PKCS8_PEM),
  fixture("openssh-rsa", RSA_OPENSSH),
];
