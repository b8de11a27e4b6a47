import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256Tagged } from "@/lib/policy/hash";
import { sha256Hex } from "@/lib/policy/sha256";
import "./native-hash";

describe("the server's native SHA-256 behind lib/policy", () => {
  it("digests any text exactly as lib/policy's own implementation (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256Tagged(text)).toBe(`sha256:${sha256Hex(text)}`);
      }),
      { numRuns: 500 },
    );
    expect(sha256Tagged("")).toBe("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});
