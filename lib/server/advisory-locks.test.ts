import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ADVISORY_LOCK_CLASSES, ADVISORY_LOCKS } from "./advisory-locks";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "generated" || d.name === "node_modules" ? [] : sourceFiles(p);
    return /\.(ts|tsx|mjs)$/.test(d.name) && !d.name.endsWith(".test.ts") ? [p] : [];
  });
}

describe("advisory lock ids", () => {
  it("are unique within each key space (one bigint key; a class with a key)", () => {
    const single = Object.values(ADVISORY_LOCKS);
    const classes = Object.values(ADVISORY_LOCK_CLASSES);
    expect(new Set(single).size).toBe(single.length);
    expect(new Set(classes).size).toBe(classes.length);
    // A class id is an int4 (the first of pg_advisory_xact_lock(int4, int4)).
    for (const id of classes) expect(Number.isInteger(id) && id < 2 ** 31).toBe(true);
  });

  it("are taken only through the table: no lock id is written anywhere else", () => {
    const offenders = [...sourceFiles(path.join(ROOT, "lib")), ...sourceFiles(path.join(ROOT, "app"))]
      .filter((f) => !f.endsWith(`${path.sep}advisory-locks.ts`))
      .filter((f) => /pg_advisory\w*\(\s*\d/.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });

  it("match the decision chain lock that migration 0013's batch function takes in the database", () => {
    const sql = readFileSync(path.join(ROOT, "prisma/migrations/0013_decision_batch_function/migration.sql"), "utf8");
    const taken = [...sql.matchAll(/pg_advisory_xact_lock\((\d+)\)/g)].map((m) => Number(m[1]));
    expect(taken).toEqual([ADVISORY_LOCKS.DECISION_CHAIN]);
  });
});
