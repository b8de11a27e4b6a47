// What each route file declares about who may call it, read from the source: shared by the role
// matrix (playwright/role-matrix.spec.ts) and the console API table's test (scripts/docs-console-api.test.ts).
import { readdirSync } from "node:fs";
import path from "node:path";

export type DeclaredAccess = { kind: "permission"; permission: string } | { kind: "signedIn" } | { kind: "public" };

/** Every route.ts below `dir`. */
export function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? routeFiles(p) : d.name === "route.ts" ? [p] : [];
  });
}

/** The HTTP methods a route file exports. */
export function exportedMethods(source: string): string[] {
  return [...source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map(
    (m) => m[1],
  );
}

/** The access `method`'s handler({ access }) declares first thing, or null when it goes through no handler(). */
export function declaredAccess(source: string, method: string): DeclaredAccess | null {
  const decl = new RegExp(
    `export\\s+const\\s+${method}\\s*=\\s*handler\\(\\s*\\{\\s*access:\\s*\\{\\s*(permission:\\s*"([^"]+)"|signedIn:\\s*true|public:\\s*true)`,
  ).exec(source);
  if (!decl) return null;
  if (decl[2]) return { kind: "permission", permission: decl[2] };
  return decl[1].startsWith("signedIn") ? { kind: "signedIn" } : { kind: "public" };
}
