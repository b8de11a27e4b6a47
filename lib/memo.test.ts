import { describe, expect, it } from "vitest";
import { memoize } from "./memo";

describe("memoize", () => {
  it("computes each key once, keeps null answers, and starts over at its bound", () => {
    const calls: string[] = [];
    const f = memoize((k: string) => (calls.push(k), k === "none" ? null : k.length), 3);
    expect([f("a"), f("bb"), f("a"), f("none"), f("none")]).toEqual([1, 2, 1, null, null]);
    expect(calls).toEqual(["a", "bb", "none"]);
    // Full (3 keys): the next new key clears the table, so "a" is computed again afterwards.
    expect(f("cccc")).toBe(4);
    expect(f("a")).toBe(1);
    expect(calls).toEqual(["a", "bb", "none", "cccc", "a"]);
  });
});
