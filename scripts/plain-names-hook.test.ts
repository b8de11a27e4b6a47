import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// The console runs its TypeScript through tsx, as SERVER_ARGS starts it; these run a module of the
// project the same way, with and without the hook.
const root = path.resolve(import.meta.dirname, "..");
const dir = path.join(root, `.plain-names-${process.pid}`);
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Counts Object.defineProperty calls that set a function's name, then loads the module (which
// captures the counting defineProperty as esbuild's helper does) and reports what it saw.
writeFileSync(
  path.join(dir, "entry.mjs"),
  `let named = 0;
const original = Object.defineProperty;
Object.defineProperty = function (target, key, descriptor) {
  if (typeof target === "function" && key === "name") named++;
  return original.call(this, target, key, descriptor);
};
const m = await import("./module.ts");
const before = named;
const made = m.makeHandlers(3);
let line = null;
try { m.fail(); } catch (err) { line = Number(/module\\.ts:(\\d+):\\d+/.exec(err.stack)?.[1] ?? NaN); }
console.log(JSON.stringify({ perCall: named - before, names: made.map((h) => h.name), declared: m.makeHandlers.name, line }));
`,
);
writeFileSync(
  path.join(dir, "module.ts"),
  `export function makeHandlers(n: number) {
  const out: (() => number)[] = [];
  for (let i = 0; i < n; i++) {
    const onAbort = (): number => i;
    out.push(onAbort);
  }
  return out;
}

export function fail(): never {
  throw new Error("thrown on line 11");
}
`,
);

async function run(withHook: boolean) {
  const args = [
    "--import",
    "tsx",
    ...(withHook ? ["--import", "./scripts/plain-names-hook.mjs"] : []),
    path.join(dir, "entry.mjs"),
  ];
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: root });
  return JSON.parse(stdout) as { perCall: number; names: string[]; declared: string; line: number };
}

describe("plain-names-hook", () => {
  it("drops keepNames' per-closure defineProperty from the project's modules; declared names and stack lines through the source map stay", async () => {
    const [plain, kept] = await Promise.all([run(true), run(false)]);
    // Without the hook every closure created costs a defineProperty; with it none does.
    expect(kept.perCall).toBe(3);
    expect(plain.perCall).toBe(0);
    // The price: a closure keepNames had named is anonymous (stack frames say <anonymous>, with
    // the right file and line); declared functions, methods and classes keep their names.
    expect(kept.names).toEqual(["onAbort", "onAbort", "onAbort"]);
    expect(plain.names).toEqual(["", "", ""]);
    for (const r of [plain, kept]) {
      expect(r.declared).toBe("makeHandlers");
      expect(r.line).toBe(11);
    }
  });
});
