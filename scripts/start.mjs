#!/usr/bin/env node
// `npm start`: build when no build exists, then serve. The server migrates the
// database and creates the first admin at start-up (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { consoleBuilt, SERVER_ARGS, sourceChangedSinceBuild } from "./server-args.mjs";

const quiet = {
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
  PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
};
const childEnv = { ...quiet, ...process.env };

if (!consoleBuilt() || !existsSync("lib/generated/prisma/client.ts")) {
  // No promise of how long: it depends on the machine (1 to 5 minutes on 2 cores); say what it took.
  console.log("No build found: building the console…");
  const started = performance.now();
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: childEnv });
  const seconds = Math.round((performance.now() - started) / 1000);
  if (build.status !== 0) {
    console.error(`The build failed after ${seconds} s.`);
    process.exit(build.status ?? 1);
  }
  console.log(`Built the console in ${seconds} s. Starting…`);
} else {
  const builtAt = statSync(".next/BUILD_ID").mtime.toISOString().slice(0, 16).replace("T", " ");
  const changed = sourceChangedSinceBuild();
  console.log(
    changed
      ? `Using the build from ${builtAt} UTC, older than the source (${changed} changed since): run \`npm run build\` to serve the current code. Starting…`
      : `Using the build from ${builtAt} UTC (no source changed since). Starting…`,
  );
}

// dist/server.mjs (server.ts, compiled) serves the hot decision path itself and hands everything else to Next.
const server = spawn(process.execPath, SERVER_ARGS, { stdio: "inherit", env: { NODE_ENV: "production", ...childEnv } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
