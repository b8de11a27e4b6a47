import { describe, expect, it } from "vitest";
import { CryptoBoxError, open, seal } from "./crypto-box";

const KEY = "k".repeat(40);

describe("crypto-box", () => {
  it("round-trips and uses a fresh IV each time", () => {
    const a = seal("private jwk", "signing-key", KEY);
    const b = seal("private jwk", "signing-key", KEY);
    expect(a).not.toBe(b);
    expect(a).not.toContain("private");
    expect(open(a, "signing-key", KEY)).toBe("private jwk");
  });

  it("refuses another key, another purpose, or a tampered value", () => {
    const sealed = seal("secret", "signing-key", KEY);
    expect(() => open(sealed, "signing-key", "x".repeat(40))).toThrow(CryptoBoxError);
    expect(() => open(sealed, "issuer-secret", KEY)).toThrow(CryptoBoxError);
    const parts = sealed.split(".");
    parts[2] = Buffer.from("tampered").toString("base64url");
    expect(() => open(parts.join("."), "signing-key", KEY)).toThrow(CryptoBoxError);
    expect(() => open("plain", "signing-key", KEY)).toThrow(CryptoBoxError);
  });
});
