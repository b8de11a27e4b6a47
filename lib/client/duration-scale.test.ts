import { describe, expect, it } from "vitest";
import { durationScale, inScale } from "./duration-scale";

describe("durationScale", () => {
  it.each([
    [0, "s"],
    [0.1, "s"],
    [1.99, "s"],
    [2, "min"],
    [179, "min"],
    [180, "h"],
    [1440, "h"],
  ])("reads a largest value of %s minutes in %s", (max, unit) => {
    expect(durationScale(max).unit).toBe(unit);
  });

  it("converts minutes to the unit at one decimal", () => {
    expect(inScale(0.1, durationScale(0.5))).toBe(6);
    expect(inScale(0.01, durationScale(0.5))).toBe(0.6);
    expect(inScale(12.34, durationScale(30))).toBe(12.3);
    expect(inScale(270, durationScale(270))).toBe(4.5);
    expect(inScale(null, durationScale(1))).toBeNull();
  });
});
