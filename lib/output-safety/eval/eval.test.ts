/**
 * The goal of issue 20 as a test: on the dev part of the corpus, macro-F1 ≥ 0.95, no leaked planted value, and no
 * benign discussion of prompt injection quarantined. Misses print grouped by family. Held-out misses are never printed.
 */
import { describe, expect, it } from "vitest";
import { devCases } from "./dev";
import { heldOutCases } from "./held-out";
import { type CaseResult, evaluate, findLeaks, formatMisses, formatScore, GOAL, runCase, score } from "./score";
import type { EvalCase, Expected } from "./types";

const dev = evaluate(devCases());

describe("output safety on the dev corpus", () => {
  it(`reaches macro-F1 ≥ ${GOAL.macroF1}`, () => {
    const report = `${formatScore("dev", dev).join("\n")}\n\nmisses by family:\n${formatMisses(dev)}`;
    expect(dev.macroF1, report).toBeGreaterThanOrEqual(GOAL.macroF1);
  });

  it("quarantines no benign text that discusses prompt injection or system prompts", () => {
    expect(dev.discussionQuarantined).toEqual([]);
  });
});

describe("leaks", () => {
  it("no planted value survives a REDACT or QUARANTINE answer, in any encoding (dev and held-out)", () => {
    const held = heldOutCases().flatMap((c) => runCase(c).leaks);
    const devLeaks = dev.leaks.map((l) => `${l.id} [${l.encoding}] ${l.value}`);
    // Held-out leaks are counted, never listed, so nobody tunes to them.
    expect({ dev: devLeaks, heldOutCount: held.length }).toEqual({ dev: [], heldOutCount: 0 });
  });
});

describe("scorer", () => {
  const mk = (id: string, expected: Expected, planted: string[] = []): EvalCase => ({
    id,
    family: `f/${expected}`,
    carrier: "plain",
    input: "",
    expected,
    planted,
  });
  const res = (c: EvalCase, action: Expected): CaseResult => ({ case: c, action, leaks: [] });

  it("computes per-class precision/recall and macro-F1 from the confusion matrix", () => {
    const s = score([
      res(mk("a", "ALLOW"), "ALLOW"),
      res(mk("b", "ALLOW"), "REDACT"),
      res(mk("c", "REDACT"), "REDACT"),
      res(mk("d", "QUARANTINE"), "QUARANTINE"),
      res(mk("e", "QUARANTINE"), "ALLOW"),
    ]);
    expect(s.perClass.ALLOW).toMatchObject({ precision: 0.5, recall: 0.5, support: 2 });
    expect(s.perClass.REDACT).toMatchObject({ precision: 0.5, recall: 1 });
    expect(s.perClass.QUARANTINE).toMatchObject({ precision: 1, recall: 0.5 });
    expect(s.macroF1).toBeCloseTo((0.5 + 2 / 3 + 2 / 3) / 3, 10);
    expect(s.perFamily[0]).toEqual({ family: "f/ALLOW", n: 2, recall: 0.5 });
    expect(s.misses.map((m) => m.case.id)).toEqual(["b", "e"]);
  });

  it("finds a planted value raw, JSON-escaped, URL-encoded or in base64, only in REDACT/QUARANTINE answers", () => {
    const c = mk("x", "REDACT", ['p@ss"w/rd+1']);
    expect(findLeaks(c, "REDACT", { a: 'p@ss"w/rd+1' })[0].encoding).toBe("json");
    expect(findLeaks(c, "REDACT", 'x p@ss"w/rd+1 y')[0].encoding).toBe("raw");
    expect(findLeaks(c, "REDACT", `q=${encodeURIComponent('p@ss"w/rd+1')}`)[0].encoding).toBe("url");
    expect(findLeaks(c, "QUARANTINE", Buffer.from('p@ss"w/rd+1').toString("base64"))[0].encoding).toBe("base64");
    expect(findLeaks(c, "REDACT", "[REDACTED:password]")).toEqual([]);
    expect(findLeaks(c, "ALLOW", 'p@ss"w/rd+1')).toEqual([]);
  });
});
