// How every console process is started (npm start, benchmarks, soak, fault tests, Playwright): one list.
// dist/server.mjs is server.ts compiled by `npm run build` (scripts/build-server.mjs); plain node runs it.
// --max-semi-space-size=64: the decision path allocates a short-lived request, row and answer
// per call; a 64 MB young generation (default 16 MB) cuts scavenges enough to raise decisions/s
// by about a third in bench:decide on this 2-core machine.
import { existsSync } from "node:fs";
import path from "node:path";

export const SERVER_ENTRY = "dist/server.mjs";
export const SERVER_ARGS = ["--max-semi-space-size=64", SERVER_ENTRY];

/** Whether `npm run build` has produced both halves the server needs: Next's build and the compiled server. */
export function consoleBuilt(root = process.cwd()) {
  return existsSync(path.join(root, ".next/BUILD_ID")) && existsSync(path.join(root, SERVER_ENTRY));
}
