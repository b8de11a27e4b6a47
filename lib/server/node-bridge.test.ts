import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { absoluteUrl } from "./node-bridge";

const BASES = [
  "http://127.0.0.1:3000",
  "https://console.example.com",
  "https://console.example.com/sub/path/",
  "http://[::1]:8080",
];

/** The URL, or that it throws (a path like "//" is not a URL at all: both must refuse it). */
function outcome(fn: () => string): string {
  try {
    return fn();
  } catch (err) {
    return `throws ${(err as Error).name}`;
  }
}

describe("absoluteUrl (the lean request's URL)", () => {
  it("is exactly what WHATWG URL parsing gives, for plain paths and for everything else", () => {
    const tricky = [
      "/",
      "/api/v1/decisions",
      "/api/v1/decisions/",
      "//evil.example/x",
      "/./a",
      "/a/../b",
      "/.well-known/x",
      "/a?b=1",
      "/a#f",
      "/%2e%2e/x",
      "/a b",
      "/a\\b",
      "/é",
      "",
      "?q=1",
      "/a//b",
      "/A-Z_~.x",
    ];
    for (const base of BASES)
      for (const path of tricky)
        expect(
          outcome(() => absoluteUrl(path, base)),
          `${path} on ${base}`,
        ).toBe(outcome(() => new URL(path, base).href));
    const pathChars = fc.constantFrom(..."abcXYZ019-._~/?#%\\ é:@".split(""));
    fc.assert(
      fc.property(fc.constantFrom(...BASES), fc.string({ unit: pathChars, maxLength: 24 }), (base, rest) => {
        const path = `/${rest}`;
        expect(outcome(() => absoluteUrl(path, base))).toBe(outcome(() => new URL(path, base).href));
      }),
      { numRuns: 3_000 },
    );
  });
});
