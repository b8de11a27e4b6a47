#!/usr/bin/env node
// `npm start`: build when no build exists, then serve. The server migrates the
// database and creates the first admin at start-up (instrumentation.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { consoleBuilt, SERVER_ARGS } from "./server-args.mjs";

const quiet = {
  NEXT_TELEMETRY_DISABLED: "1",
  CHECKPOINT_DISABLE: "1",
  PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false",
  PRISMA_QUERY_ENGINE_LIBRARY: "/bin/false",
};
const childEnv = { ...quiet, ...process.env };

if (!consoleBuilt() || !existsSync("lib/generated/prisma/client.ts")) {
  console.log("No build found: building the console (about a minute)…");
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit", env: childEnv });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// dist/server.mjs (server.ts, compiled) serves the hot decision path itself and hands everything else to Next.
const server = spawn(process.execPath, SERVER_ARGS, { stdio: "inherit", env: { NODE_ENV: "production", ...childEnv } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
