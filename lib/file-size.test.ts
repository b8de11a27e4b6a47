/**
 * File size rule, checked over the whole tree on every test run (issue 24): no git-tracked .ts/.tsx/.mjs file
 * over 400 lines — split by responsibility instead. Generated code is exempt. (The function rule, at most 80
 * lines, is biome's `noExcessiveLinesPerFunction` in biome.jsonc.)
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "..");
const MAX_LINES = 400;

function trackedSources(): string[] {
  const out = execFileSync("git", ["ls-files", "-z", "--", "*.ts", "*.tsx", "*.mjs"], { cwd: ROOT, encoding: "utf8" });
  return out.split("\0").filter((f) => f !== "" && !f.startsWith("lib/generated/"));
}

function lineCount(file: string): number {
  const text = readFileSync(path.join(ROOT, file), "utf8");
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

describe("file size", () => {
  const files = trackedSources();

  it("finds the files it checks", () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files).toContain("lib/layers.test.ts");
  });

  it(`keeps every source file at ${MAX_LINES} lines or fewer`, () => {
    const over = files
      .map((f) => ({ file: f, lines: lineCount(f) }))
      .filter((f) => f.lines > MAX_LINES)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(over).toEqual([]);
  });
});
