import { describe, expect, it } from "vitest";
import { revealInvisible, segmentsOf } from "./output-segments";

const m = (start: number, end: number, kind: string, category = "steering") => ({ start, end, kind, category });

describe("highlight segments", () => {
  it("splits at mark boundaries and keeps overlaps", () => {
    expect(segmentsOf("abcdefgh", [m(2, 5, "x"), m(4, 7, "y", "secret")])).toEqual([
      { text: "ab", kinds: [], categories: [] },
      { text: "cd", kinds: ["x"], categories: ["steering"] },
      { text: "e", kinds: ["x", "y"], categories: ["steering", "secret"] },
      { text: "fg", kinds: ["y"], categories: ["secret"] },
      { text: "h", kinds: [], categories: [] },
    ]);
  });

  it("keeps markup-looking text as text, and clamps marks to the string", () => {
    const segs = segmentsOf("<img src=x onerror=alert(1)>", [m(0, 99, "exfil_image")]);
    expect(segs).toEqual([{ text: "<img src=x onerror=alert(1)>", kinds: ["exfil_image"], categories: ["steering"] }]);
    expect(segmentsOf("abc", [])).toEqual([{ text: "abc", kinds: [], categories: [] }]);
  });

  it("reveals zero-width runs and decodes tag characters", () => {
    const tags = [..."hi!"].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join("");
    expect(revealInvisible(`ok${tags}go`)).toEqual([
      { text: "ok" },
      { hidden: tags, label: "hidden tag text: “hi!”" },
      { text: "go" },
    ]);
    expect(revealInvisible("a\u200B\u200B\u202Eb")).toEqual([
      { text: "a" },
      { hidden: "\u200B\u200B\u202E", label: "3 invisible: U+200B U+200B U+202E" },
      { text: "b" },
    ]);
  });
});
