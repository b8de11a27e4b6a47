import { describe, expect, it } from "vitest";
import { AREAS, CHECK_IDS, CHECKS, fixUrl, listNames, statusSpans } from "./checklist";

describe("readiness checklist", () => {
  it("has the twelve ids of docs/gates-and-readiness.md#readiness-checklist, each in one of the seed's six areas, with an owner and a fix link", () => {
    expect(CHECKS.map((c) => c.id)).toEqual([...CHECK_IDS]);
    expect(new Set(CHECKS.map((c) => c.area))).toEqual(new Set(AREAS));
    for (const c of CHECKS) {
      expect(c.owner.length).toBeGreaterThan(0);
      expect(fixUrl(c.id, "production")).toMatch(/^\//);
    }
  });

  it("history collapses into spans of the same status, oldest first", () => {
    const spans = statusSpans([
      { at: "2026-01-01T00:30:00.000Z", status: "FAIL" },
      { at: "2026-01-01T00:00:00.000Z", status: "PASS" },
      { at: "2026-01-01T00:15:00.000Z", status: "PASS" },
      { at: "2026-01-01T00:45:00.000Z", status: "FAIL" },
    ]);
    expect(spans).toEqual([
      { status: "PASS", from: "2026-01-01T00:00:00.000Z", to: "2026-01-01T00:15:00.000Z", runs: 2 },
      { status: "FAIL", from: "2026-01-01T00:30:00.000Z", to: "2026-01-01T00:45:00.000Z", runs: 2 },
    ]);
  });

  it("names lists briefly", () => {
    expect(listNames(["a"])).toBe("a");
    expect(listNames(["a", "b"])).toBe("a and b");
    expect(listNames(["a", "b", "c", "d", "e"])).toBe("a, b, c and 2 more");
  });
});
