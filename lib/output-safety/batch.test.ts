import { describe, expect, it } from "vitest";
import { CORPUS } from "./corpus";
import { FIELD_WALK, scanLeaves } from "./inspect";
import { resolveOptions } from "./options";
import { newBudget } from "./scan";
import { collectLeaves } from "./walk";

describe("batch prefilter", () => {
  it("finds exactly what scanning every leaf finds, on the whole corpus as one output", () => {
    const output = { cases: CORPUS.filter((c) => !c.opts).map((c) => ({ name: c.name, input: c.input })) };
    const leaves = collectLeaves(output, FIELD_WALK);
    expect(leaves.length).toBeGreaterThan(32);
    for (const steering of [true, false]) {
      const opts = resolveOptions(
        { customPatterns: [{ kind: "emp", pattern: "EMP-\\d{6}", category: "pii" }] },
        steering,
      );
      const batched = scanLeaves(leaves, opts, newBudget(), true);
      const full = scanLeaves(leaves, opts, newBudget(), false);
      expect(batched).toEqual(full);
      expect(full.flat().length).toBeGreaterThan(100);
    }
  });
});
