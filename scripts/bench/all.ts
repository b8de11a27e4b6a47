// npm run bench — every benchmark in turn, each against its own same-run baseline; ends with one
// JSON line holding each benchmark's summary line. Benchmarks that need a build say so and are skipped.
import { spawnSync } from "node:child_process";
import { consoleBuilt } from "../server-args.mjs";

const BENCHES = [
  { name: "policy", script: "bench:policy", needsBuild: false },
  { name: "inspect", script: "bench:inspect", needsBuild: false },
  { name: "decide", script: "bench:decide", needsBuild: true },
  { name: "gateway", script: "bench:gateway", needsBuild: true },
  { name: "audit", script: "bench:audit", needsBuild: false },
];

const summary: Record<string, unknown> = {};
for (const b of BENCHES) {
  if (b.needsBuild && !consoleBuilt()) {
    console.log(`\n# ${b.name}: skipped — run \`npm run build\` first`);
    summary[b.name] = "skipped: no build";
    continue;
  }
  console.log(`\n# ${b.name}`);
  const run = spawnSync("npm", ["run", "--silent", b.script], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(run.stdout);
  const last = run.stdout
    .trim()
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("{"));
  try {
    // A bench below its goal (bench:inspect's accuracy) exits 1 but still prints its figures: keep them.
    summary[b.name] = last
      ? { ...JSON.parse(last), ...(run.status === 0 ? {} : { exit_code: run.status }) }
      : `failed (exit ${run.status})`;
  } catch {
    summary[b.name] = "no summary line";
  }
}
console.log(JSON.stringify(summary));
