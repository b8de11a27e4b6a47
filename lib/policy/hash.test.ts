import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parsePolicy, policyHash, requestHash } from "./index";
import { SEED_POLICY_YAML } from "./seed-table";
import { canonicalJson, requestHashParts, sha256Tagged } from "./hash";
import { sha256Hex } from "./sha256";

const nodeSha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("sha256", () => {
  it("matches node:crypto on known vectors and block boundaries", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (const n of [55, 56, 63, 64, 65, 119, 120, 1000])
      expect(sha256Hex("x".repeat(n))).toBe(nodeSha256("x".repeat(n)));
  });

  it("matches node:crypto on arbitrary strings (UTF-8, lone surrogates)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => sha256Hex(text) === nodeSha256(text)),
      { numRuns: 500 },
    );
  });
});

describe("policy and request hashes", () => {
  it("policy hash is sha256 of the JCS canonical JSON", () => {
    const parsed = parsePolicy(SEED_POLICY_YAML);
    if (!parsed.ok) throw new Error("seed must parse");
    expect(parsed.canonical).toBe(canonicalize(parsed.policy));
    expect(parsed.hash).toBe(`sha256:${nodeSha256(parsed.canonical)}`);
    expect(policyHash(parsed.policy)).toBe(parsed.hash);
  });

  it("canonical form has no undefined fields and sorted keys", () => {
    const parsed = parsePolicy(SEED_POLICY_YAML);
    if (!parsed.ok) throw new Error("seed must parse");
    expect(
      parsed.canonical.startsWith('{"rules":[{"decision":"ALLOW","id":"allow-readonly-registered-servers","match":'),
    ).toBe(true);
    expect(JSON.stringify(parsed.policy)).not.toContain("undefined");
    expect(Object.keys(parsed.policy.rules[0])).toEqual(["id", "match", "decision"]);
  });

  it("request hash is sha256 of JCS({environment, agent, server, tool, arguments})", () => {
    const req = {
      environment: "production",
      agent: "agent-1",
      server: "github",
      tool: "create_issue",
      arguments: { title: "x", labels: ["a"], n: 1 },
    };
    const expected = `sha256:${nodeSha256('{"agent":"agent-1","arguments":{"labels":["a"],"n":1,"title":"x"},"environment":"production","server":"github","tool":"create_issue"}')}`;
    expect(requestHash(req)).toBe(expected);
    expect(requestHash({ ...req, arguments: { n: 1, labels: ["a"], title: "x" } })).toBe(expected);
    expect(requestHash({ ...req, arguments: { ...req.arguments, n: 2 } })).not.toBe(expected);
  });

  it("absent arguments hash like empty arguments", () => {
    const base = { environment: "staging", agent: "a", server: "s", tool: "t" };
    expect(requestHash({ ...base, arguments: undefined })).toBe(requestHash({ ...base, arguments: {} }));
    expect(requestHash({ ...base, arguments: null })).not.toBe(requestHash({ ...base, arguments: {} }));
  });

  it("refuses values JSON cannot carry", () => {
    expect(() =>
      requestHash({ environment: "e", agent: "a", server: "s", tool: "t", arguments: { x: Number.NaN } }),
    ).toThrow();
  });
});

describe("useSha256", () => {
  it("a native digest gives the same tagged hashes as the built-in one", async () => {
    const { createHash } = await import("node:crypto");
    const { useSha256, requestHash: rh } = await import("./hash");
    const identity = {
      environment: "production",
      agent: "a",
      server: "s",
      tool: "t",
      arguments: { q: "ü€😀", n: [1, 2.5] },
    };
    const builtIn = rh(identity);
    useSha256((text) => createHash("sha256").update(text, "utf8").digest("hex"));
    expect(rh(identity)).toBe(builtIn);
  });
});

describe("requestHashParts", () => {
  it("hashes exactly the canonical JSON of the request identity, and hands back the arguments' canonical text (property)", () => {
    const text = fc.string({ unit: "binary", maxLength: 16 });
    fc.assert(
      fc.property(
        text,
        text,
        text,
        text,
        fc.option(fc.jsonValue({ maxDepth: 3 }), { nil: undefined }),
        (environment, agent, server, tool, args) => {
          const parts = requestHashParts({ environment, agent, server, tool, arguments: args });
          const identity = { environment, agent, server, tool, arguments: args === undefined ? {} : args };
          expect(parts.hash).toBe(sha256Tagged(canonicalJson(identity)));
          expect(parts.argumentsJson).toBe(canonicalJson(identity.arguments));
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
