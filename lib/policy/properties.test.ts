import fc from "fast-check";
import { Document, isCollection, visit } from "yaml";
import { describe, expect, it } from "vitest";
import { compilePolicy, evaluate, parsePolicy, policyHash, serializePolicy, type Decision, type Policy } from "./index";
import { callArb, policyArb, referenceDecision, referenceMatches, ruleArb, withIds } from "./test-arbitraries";

const RUNS = { numRuns: 300 };
const STRICTNESS: Record<Decision, number> = { ALLOW: 0, REQUIRE_APPROVAL: 1, DENY: 2 };

describe("evaluate agrees with the reference reading of the spec", () => {
  it("decision, first winning rule, merged constraints and matched rules", () => {
    fc.assert(
      fc.property(policyArb, fc.array(callArb, { minLength: 1, maxLength: 10 }), (policy, calls) => {
        const compiled = compilePolicy(policy);
        for (const call of calls) {
          const value = evaluate(compiled, call, { trace: true });
          const expected = referenceDecision(policy, call);
          expect(value.decision).toBe(expected.decision);
          expect(value.ruleId).toBe(expected.ruleId);
          expect(value.constraints).toEqual(expected.constraints);
          expect(value.matchedRuleIds).toEqual(expected.matchedRuleIds ?? []);
          expect(value.trace!.filter((t) => t.matched).map((t) => t.ruleId)).toEqual(value.matchedRuleIds);
        }
      }),
      RUNS,
    );
  });
});

describe("rule order never changes the decision", () => {
  it("a permutation keeps decision, outcome, reason, constraints and the set of matched rules", () => {
    fc.assert(
      fc.property(
        policyArb.chain((policy) =>
          fc.tuple(fc.constant(policy), fc.shuffledSubarray(policy.rules, { minLength: policy.rules.length })),
        ),
        fc.array(callArb, { minLength: 1, maxLength: 10 }),
        ([policy, shuffled], calls) => {
          const a = compilePolicy(policy);
          const b = compilePolicy({ version: "v1", rules: shuffled });
          for (const call of calls) {
            const x = evaluate(a, call);
            const y = evaluate(b, call);
            expect([y.decision, y.outcome, y.reason, y.constraints]).toEqual([
              x.decision,
              x.outcome,
              x.reason,
              x.constraints,
            ]);
            expect([...y.matchedRuleIds].sort()).toEqual([...x.matchedRuleIds].sort());
            // The reported rule may differ (first in file order) but always carries the decision.
            if (y.ruleId !== null) expect(shuffled.find((r) => r.id === y.ruleId)!.decision).toBe(y.decision);
          }
        },
      ),
      RUNS,
    );
  });
});

describe("adding a rule R", () => {
  // Precisely: if some rule matched before, the new decision is the stricter of the old one
  // and R's (when R matches), so an ALLOW rule never relaxes a DENY or REQUIRE_APPROVAL and a
  // DENY/REQUIRE_APPROVAL rule can only tighten. If nothing matched (default DENY), the call
  // now gets R's decision when R matches, else still the default DENY. When R does not win,
  // constraints are unchanged.
  it("changes the decision only as the precedence order allows", () => {
    fc.assert(
      fc.property(
        policyArb,
        ruleArb,
        fc.nat(),
        fc.array(callArb, { minLength: 1, maxLength: 10 }),
        (policy, extra, at, calls) => {
          const added = withIds([extra], "added-")[0];
          const rules = [...policy.rules];
          rules.splice(at % (rules.length + 1), 0, added);
          const before = compilePolicy(policy);
          const after = compilePolicy({ version: "v1", rules });
          for (const call of calls) {
            const old = evaluate(before, call);
            const now = evaluate(after, call);
            const rMatches = referenceMatches(added, call);
            if (old.ruleId === null) {
              expect(now.decision).toBe(rMatches ? added.decision : "DENY");
            } else {
              const expected =
                rMatches && STRICTNESS[added.decision] > STRICTNESS[old.decision] ? added.decision : old.decision;
              expect(now.decision).toBe(expected);
              expect(STRICTNESS[now.decision]).toBeGreaterThanOrEqual(STRICTNESS[old.decision]);
              if (!rMatches || STRICTNESS[added.decision] < STRICTNESS[old.decision])
                expect(now.constraints).toEqual(old.constraints);
            }
          }
        },
      ),
      RUNS,
    );
  });
});

/** Deterministic PRNG so a fast-check seed fully decides a reformatting. */
function prng(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x100000000;
  };
}

function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((item) => shuffleKeys(item, random));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value).sort(() => random() - 0.5);
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
}

/** The same policy as YAML in another style: key order, indent, flow/block, quoting, comments. */
function reformat(policy: Policy, seed: number): string {
  const random = prng(seed);
  const doc = new Document(shuffleKeys(policy, random));
  visit(doc, {
    Node(_, node) {
      // Empty collections stay in flow style: yaml prints an empty block sequence on its own line.
      if (isCollection(node)) node.flow = node.items.length === 0 || random() < 0.3;
    },
  });
  const text = doc.toString({
    indent: 2 + Math.floor(random() * 4),
    indentSeq: random() < 0.5,
    lineWidth: 0,
    defaultStringType: (["PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE"] as const)[Math.floor(random() * 3)],
  });
  const lines: string[] = ["# reformatted policy", ""];
  for (const line of text.split("\n")) {
    if (random() < 0.2) lines.push(`${" ".repeat(Math.floor(random() * 6))}# note ${Math.floor(random() * 100)}`);
    if (random() < 0.1) lines.push("");
    lines.push(random() < 0.2 && line.trim() !== "" ? `${line}   ` : line);
  }
  return lines.join("\n");
}

describe("policy hash", () => {
  it("is stable under reformatting (key order, indentation, style, comments)", () => {
    fc.assert(
      fc.property(policyArb, fc.integer(), (policy, seed) => {
        const text = reformat(policy, seed);
        const parsed = parsePolicy(text);
        if (!parsed.ok) throw new Error(`${JSON.stringify(parsed.errors)}\n${text}`);
        expect(parsed.hash).toBe(policyHash(policy));
        expect(parsed.policy).toEqual(policy);
      }),
      RUNS,
    );
  });

  it("changes with any semantic change", () => {
    const mutations: ((p: Policy) => Policy | null)[] = [
      (p) => (p.rules.length ? { ...p, rules: p.rules.slice(1) } : null),
      (p) => (p.rules.length > 1 ? { ...p, rules: [p.rules[1], p.rules[0], ...p.rules.slice(2)] } : null),
      (p) =>
        p.rules.length
          ? {
              ...p,
              rules: [
                { ...p.rules[0], decision: p.rules[0].decision === "DENY" ? "ALLOW" : "DENY", constraints: undefined },
                ...p.rules.slice(1),
              ],
            }
          : null,
      (p) =>
        p.rules.length
          ? {
              ...p,
              rules: [
                {
                  ...p.rules[0],
                  match: { ...p.rules[0].match, labels: { ...p.rules[0].match.labels, "mcp.tool": "changed" } },
                },
                ...p.rules.slice(1),
              ],
            }
          : null,
      (p) =>
        p.rules.length ? { ...p, rules: [{ ...p.rules[0], id: `${p.rules[0].id}-x` }, ...p.rules.slice(1)] } : null,
      (p) => ({ ...p, rules: [...p.rules, { id: "extra", match: {}, decision: "DENY" }] }),
    ];
    fc.assert(
      fc.property(policyArb, fc.nat(mutations.length - 1), (policy, which) => {
        const mutated = mutations[which](policy);
        if (mutated === null) return;
        expect(policyHash(JSON.parse(JSON.stringify(mutated)))).not.toBe(policyHash(policy));
      }),
      RUNS,
    );
  });
});

describe("serializePolicy", () => {
  it("round-trips through parsePolicy", () => {
    fc.assert(
      fc.property(policyArb, (policy) => {
        const parsed = parsePolicy(serializePolicy(policy));
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
        expect(parsed.policy).toEqual(policy);
        expect(parsed.hash).toBe(policyHash(policy));
      }),
      RUNS,
    );
  });
});
