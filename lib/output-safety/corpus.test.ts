import { describe, expect, it } from "vitest";
import { CORPUS } from "./corpus";
import { DETECTOR_KINDS, inspectOutput } from "./index";

describe("corpus", () => {
  it("is large, mostly look-alikes, and covers every detector both ways", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(300);
    const benign = CORPUS.filter((c) => c.action === "ALLOW").length;
    expect(benign / CORPUS.length).toBeGreaterThanOrEqual(0.4);
    const missing: string[] = [];
    for (const { kind } of DETECTOR_KINDS) {
      if (!CORPUS.some((c) => c.kinds.includes(kind))) missing.push(`${kind}: no true positive`);
      if (!CORPUS.some((c) => c.detector === kind && c.absent.includes(kind))) missing.push(`${kind}: no look-alike`);
    }
    expect(missing).toEqual([]);
  });

  it("has unique case names", () => {
    const names = CORPUS.map((c) => c.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const verdict = inspectOutput(c.input, c.opts);
    const kinds = verdict.findings.map((f) => f.kind);
    const summary = { action: verdict.action, kinds };
    expect(summary.action, JSON.stringify(summary)).toBe(c.action);
    for (const k of c.kinds) expect(kinds, JSON.stringify(summary)).toContain(k);
    for (const k of c.absent) expect(kinds, JSON.stringify(summary)).not.toContain(k);
    if (c.action === "ALLOW") expect(verdict.output).toBe(c.input);
  });
});
