#!/usr/bin/env node
// Compiles server.ts (the custom server: lean decision path, MCP gateway, Next for the rest) into
// dist/server.mjs, which production runs with plain `node`. Packages stay in node_modules; the
// project's own modules are bundled without esbuild's keepNames (no __name wrapper around every
// closure on the hot path), and `server-only` resolves to nothing (outside Next's react-server
// bundles the marker would throw).
import { build } from "esbuild";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

await build({
  absWorkingDir: root,
  entryPoints: ["server.ts"],
  outfile: "dist/server.mjs",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  alias: { "server-only": "./scripts/empty-module.mjs" },
  keepNames: false,
  logLevel: "warning",
});
