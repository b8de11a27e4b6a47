// How every console process is started (npm start, benchmarks, soak, fault tests, Playwright): one list.
// dist/server.mjs is server.ts compiled by `npm run build` (scripts/build-server.mjs); plain node runs it.
// --max-semi-space-size=64: the decision path allocates a short-lived request, row and answer
// per call; a 64 MB young generation (default 16 MB) cuts scavenges enough to raise decisions/s
// by about a third in bench:decide on this 2-core machine.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

export const SERVER_ENTRY = "dist/server.mjs";
export const SERVER_ARGS = ["--max-semi-space-size=64", SERVER_ENTRY];

/** Whether `npm run build` has produced both halves the server needs: Next's build and the compiled server. */
export function consoleBuilt(root = process.cwd()) {
  return existsSync(path.join(root, ".next/BUILD_ID")) && existsSync(path.join(root, SERVER_ENTRY));
}

/** What the build is made of; lib/generated is written by the build itself. */
const SOURCES = [
  "app",
  "components",
  "lib",
  "server.ts",
  "proxy.ts",
  "instrumentation.ts",
  "prisma/schema.prisma",
  "package.json",
];
const SKIP = new Set([path.join("lib", "generated"), "node_modules"]);

/** The first source file changed after the build (a pull or an edit since), or null when the build is current. */
export function sourceChangedSinceBuild(root = process.cwd()) {
  const builtAt = statSync(path.join(root, ".next/BUILD_ID")).mtimeMs;
  const newer = (rel) => {
    const full = path.join(root, rel);
    if (!existsSync(full) || SKIP.has(rel)) return null;
    const st = statSync(full);
    if (!st.isDirectory()) return st.mtimeMs > builtAt ? rel : null;
    for (const entry of readdirSync(full)) {
      const found = newer(path.join(rel, entry));
      if (found) return found;
    }
    return null;
  };
  for (const rel of SOURCES) {
    const found = newer(rel);
    if (found) return found;
  }
  return null;
}
