import { describe, expect, it } from "vitest";
import { isoWeekOf, recentWeeks, weekRange } from "./iso-week";
import { contextWindows, findingContexts, outputPreview, resolvePointer } from "./snippets";

const f = (start: number, end: number, kind = "k", path = "") => ({
  kind,
  category: "steering",
  path,
  start,
  end,
  confidence: 1,
});

describe("findings in context", () => {
  it("resolves RFC 6901 pointers, escapes included", () => {
    const doc = { "a/b": { "m~n": ["x", "y"] }, content: [{ text: "t" }] };
    expect(resolvePointer(doc, "/a~1b/m~0n/1")).toBe("y");
    expect(resolvePointer(doc, "/content/0/text")).toBe("t");
    expect(resolvePointer(doc, "")).toBe(doc);
    expect(resolvePointer(doc, "/content/01/text")).toBeUndefined();
    expect(resolvePointer(doc, "/nope")).toBeUndefined();
    expect(resolvePointer({ __proto__: { x: 1 } }, "/x")).toBeUndefined();
  });

  it("cuts windows around findings and merges the ones that touch", () => {
    const text = `${"a".repeat(1000)}EVIL${"b".repeat(100)}BAD${"c".repeat(1000)}`;
    const w = contextWindows(text, [f(1000, 1004), f(1104, 1107)], 50);
    expect(w).toHaveLength(1);
    expect(w[0].offset).toBe(950);
    expect(w[0].marks.map((m) => w[0].text.slice(m.start, m.end))).toEqual(["EVIL", "BAD"]);
    const apart = contextWindows(text, [f(1000, 1004), f(1104, 1107)], 20);
    expect(apart).toHaveLength(2);
    expect(apart[1].text.slice(apart[1].marks[0].start, apart[1].marks[0].end)).toBe("BAD");
  });

  it("never splits a surrogate pair at a window edge", () => {
    const tag = String.fromCodePoint(0xe0069);
    const text = `${tag.repeat(10)}X${tag.repeat(10)}`;
    for (const ctx of [1, 2, 3, 4, 5]) {
      const [w] = contextWindows(text, [f(20, 21)], ctx);
      expect(w.text).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/);
      expect(w.text.slice(w.marks[0].start, w.marks[0].end)).toBe("X");
    }
  });

  it("groups findings by path and flags a path that leads nowhere", () => {
    const out = { content: [{ type: "text", text: "hello EVIL" }], n: 4539148803436467 };
    const ctx = findingContexts(out, [
      f(6, 10, "k", "/content/0/text"),
      f(0, 16, "payment_card", "/n"),
      f(0, 1, "k", "/missing"),
    ]);
    expect(ctx.map((c) => [c.path, c.missing ?? false])).toEqual([
      ["/content/0/text", false],
      ["/n", false],
      ["/missing", true],
    ]);
    expect(ctx[1].windows[0].text).toBe("4539148803436467");
  });

  it("previews long output with a truncation flag", () => {
    expect(outputPreview("short")).toEqual({ text: "short", truncated: false });
    expect(outputPreview({ a: "x".repeat(50) }, 20)).toMatchObject({ truncated: true });
  });
});

describe("ISO weeks", () => {
  it.each([
    ["2026-01-01", "2026-W01"],
    ["2027-01-01", "2026-W53"],
    ["2021-01-03", "2020-W53"],
    ["2024-12-30", "2025-W01"],
    ["2026-02-16", "2026-W08"],
  ])("%s is in %s", (day, week) => expect(isoWeekOf(new Date(`${day}T12:00:00Z`))).toBe(week));

  it("week ranges start on Monday and round-trip", () => {
    const { start, end } = weekRange("2026-W08");
    expect(start.toISOString()).toBe("2026-02-16T00:00:00.000Z");
    expect(end.getTime() - start.getTime()).toBe(7 * 86_400_000);
    expect(isoWeekOf(start)).toBe("2026-W08");
    expect(isoWeekOf(new Date(end.getTime() - 1))).toBe("2026-W08");
    expect(recentWeeks(new Date("2026-01-07T00:00:00Z"), 3)).toEqual(["2025-W52", "2026-W01", "2026-W02"]);
  });
});
