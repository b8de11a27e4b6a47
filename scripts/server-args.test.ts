import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sourceChangedSinceBuild } from "./server-args.mjs";

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** A checkout with one source file and a build, each given its own modification time (seconds). */
function checkout(files: Record<string, number>, builtAt: number): string {
  const root = mkdtempSync(path.join(tmpdir(), "mgc-start-"));
  roots.push(root);
  for (const [rel, at] of Object.entries({ ...files, ".next/BUILD_ID": builtAt })) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), "x");
    utimesSync(path.join(root, rel), at, at);
  }
  return root;
}

describe("the start-up line about the build (scripts/start.mjs)", () => {
  it("calls a build current when no source changed after it", () => {
    expect(sourceChangedSinceBuild(checkout({ "app/page.tsx": 1_000, "package.json": 1_000 }, 2_000))).toBeNull();
  });

  it("names a source file changed after the build, however deep", () => {
    const root = checkout({ "app/page.tsx": 1_000, "components/ui/deep/button.tsx": 3_000 }, 2_000);
    expect(sourceChangedSinceBuild(root)).toBe(path.join("components", "ui", "deep", "button.tsx"));
  });

  it("ignores what the build writes itself (lib/generated)", () => {
    expect(sourceChangedSinceBuild(checkout({ "lib/generated/prisma/client.ts": 3_000 }, 2_000))).toBeNull();
  });
});
