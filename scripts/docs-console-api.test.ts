import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { declaredAccess, exportedMethods, routeFiles } from "@/lib/testing/route-access";

// docs/console-api.md#every-route lists every console route with its permission; this keeps the
// table and the handlers' declared access in step (a route added, removed or re-permissioned).

const ROOT = path.resolve(import.meta.dirname, "..");

function declared(): string[] {
  const rows: string[] = [];
  for (const file of routeFiles(path.join(ROOT, "app/api/console"))) {
    const route = path
      .relative(path.join(ROOT, "app"), path.dirname(file))
      .replace(/\[([^\]]+)\]/g, "{$1}")
      .split(path.sep)
      .join("/");
    const source = readFileSync(file, "utf8");
    for (const method of exportedMethods(source)) {
      const access = declaredAccess(source, method);
      expect(access, `${method} /${route}: goes through handler() with its access first`).not.toBeNull();
      rows.push(`${method} /${route} ${access?.kind === "permission" ? access.permission : "signed in"}`);
    }
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
