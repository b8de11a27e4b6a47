import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// docs/console-api.md#every-route lists every console route with its permission; this keeps the
// table and the handlers' declared access in step (a route added, removed or re-permissioned).

const ROOT = path.resolve(import.meta.dirname, "..");
const HANDLER =
  /export const (GET|POST|PUT|PATCH|DELETE)\s*=\s*handler\(\s*\{\s*access:\s*\{\s*(\w+):\s*("[^"]+"|true)/g;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === "route.ts" ? [full] : [];
  });
}

function declared(): string[] {
  const rows: string[] = [];
  for (const file of routeFiles(path.join(ROOT, "app/api/console"))) {
    const route = path
      .relative(path.join(ROOT, "app"), path.dirname(file))
      .replace(/\[([^\]]+)\]/g, "{$1}")
      .split(path.sep)
      .join("/");
    const source = readFileSync(file, "utf8");
    const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)];
    const found = [...source.matchAll(HANDLER)];
    expect(found.length, `${route}: every exported method goes through handler() with access first`).toBe(
      methods.length,
    );
    for (const m of found) rows.push(`${m[1]} /${route} ${m[2] === "permission" ? m[3].slice(1, -1) : "signed in"}`);
  }
  return rows.sort();
}

function documented(): string[] {
  const doc = readFileSync(path.join(ROOT, "docs/console-api.md"), "utf8");
  const table = doc.slice(doc.indexOf("## Every route"));
  return [...table.matchAll(/^\| `(\w+)` \| `([^`]+)` \| (?:`([^`]+)`|signed in) \|/gm)]
    .map((m) => `${m[1]} ${m[2]} ${m[3] ?? "signed in"}`)
    .sort();
}

describe("docs/console-api.md", () => {
  it("lists every console route with the permission its handler declares", () => {
    expect(documented()).toEqual(declared());
  });
});
