import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { processSingleton, processSlot } from "./singleton";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(d.name) && !d.name.endsWith(".test.ts") ? [p] : [];
  });
}

describe("process-wide singletons", () => {
  it("give every caller of a name the first value created, as two copies of a module would", () => {
    let made = 0;
    const a = processSingleton("singletonTestShared", () => ({ n: ++made }));
    const b = processSingleton("singletonTestShared", () => ({ n: ++made }));
    expect(b).toBe(a);
    expect(made).toBe(1);
    const slot = processSlot<number>("singletonTestSlot");
    expect(slot.get()).toBeUndefined();
    slot.set(7);
    expect(processSlot<number>("singletonTestSlot").get()).toBe(7);
    slot.set(undefined);
    expect(slot.get()).toBeUndefined();
  });

  it("are each claimed by one module, and no module keeps state on globalThis by hand", () => {
    const owners = new Map<string, string[]>();
    const byHand: string[] = [];
    for (const file of sourceFiles(path.join(ROOT, "lib"))) {
      const rel = path.relative(ROOT, file);
      const src = readFileSync(file, "utf8");
      for (const m of src.matchAll(/process(?:Singleton|Slot)(?:<[^(]*>)?\(\s*"([A-Za-z]+)"/g))
        owners.set(m[1], [...(owners.get(m[1]) ?? []), rel]);
      const server = rel.startsWith(`lib${path.sep}server${path.sep}`);
      if (server && /globalThis as unknown as/.test(src) && !rel.endsWith(`${path.sep}singleton.ts`)) byHand.push(rel);
    }
    expect([...owners].filter(([, files]) => files.length > 1)).toEqual([]);
    expect(owners.size).toBeGreaterThanOrEqual(15);
    expect(byHand).toEqual([]);
  });
});
