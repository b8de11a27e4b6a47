// npm run bench:decide — decisions/s through the real console (every decision durably audited
// before its answer) on PostgreSQL and on the embedded database, against two baselines measured
// in the same run: a bare node:http JSON echo and a stock Next route-handler echo.
import http from "node:http";
import pg from "pg";
import { withScratchPgDatabase } from "../../lib/testing/test-db";
import { benchNodeArgs, startConsole } from "./console-process";
import { CONNECTIONS, DURATION, decisionRequests, type Figure, LOADGEN, load } from "./load-gen";

function bareEcho(port: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      JSON.parse(Buffer.concat(chunks).toString("utf8"));
      const body = JSON.stringify({ decision: "ALLOW", outcome: "ALLOW" });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

// BENCH_CPU_PROF and BENCH_NODE_ARGS (a profile of each console under load, extra flags): see benchNodeArgs.
// BENCH_ONLY=pg|embedded measures one console and skips the baselines (for profiling; no ratios).
const only = process.env.BENCH_ONLY;

async function consoleFigure(
  extraEnv: Record<string, string>,
  port: number,
  countRows?: (url: string) => Promise<number>,
) {
  const c = await startConsole(port, extraEnv, benchNodeArgs());
  try {
    const requests = await decisionRequests(c.url);
    await load(c.url, requests.slice(0, 10)); // warm-up: JIT, caches, connection pool
    const figure = await load(c.url, requests);
    return { ...figure, rows: countRows ? await countRows(c.url) : undefined };
  } finally {
    await c.stop();
  }
}

/** Ports base..base+9 (BENCH_PORT_BASE, default 3490): engineers sharing a machine each take their own range. */
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3490);

async function pgFigure(extraEnv: Record<string, string> = {}) {
  return withScratchPgDatabase(async (dbUrl) => {
    const fig = await consoleFigure({ DATABASE_URL: dbUrl, ...extraEnv }, PORT_BASE + 2);
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const rows = Number((await c.query("SELECT count(*) FROM decisions")).rows[0].count);
    await c.end();
    return { ...fig, rows };
  });
}

const show = (label: string, f: Figure & { rows?: number }) =>
  console.log(
    `${label.padEnd(27)}${f.rps} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  errors ${f.errors} non-2xx ${f.non2xx}${f.rows !== undefined ? `  rows ${f.rows}` : ""}`,
  );

/**
 * BENCH_COMPARE=receipts|otel: the console on PostgreSQL without (A) and with (B) decision receipts,
 * or with OpenTelemetry export off (A) and on (B, to an OTLP sink in this process), in alternating
 * rounds (BENCH_ROUNDS, default 2) of one run; prints each round and B/A of the summed decisions/s.
 */
async function compare(what: string) {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  let sink: http.Server | undefined;
  let a: Record<string, string> = {};
  let b: Record<string, string> = {};
  if (what === "receipts") a = { BENCH_NO_RECEIPTS: "1" };
  else if (what === "otel") {
    sink = http.createServer((req, res) => req.resume().on("end", () => res.writeHead(200).end("{}")));
    await new Promise<void>((resolve) => sink?.listen(PORT_BASE + 9, "127.0.0.1", resolve));
    b = {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${PORT_BASE + 9}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_METRIC_EXPORT_INTERVAL: "5000",
    };
  } else throw new Error(`BENCH_COMPARE must be receipts or otel, not ${what}`);
  const sums = { a: 0, b: 0 };
  const runs: { round: number; variant: string; rps: number; p50: number; p99: number; errors: number }[] = [];
  for (let round = 1; round <= rounds; round++) {
    // Alternate which goes first, so drift over the run falls on both.
    const order = round % 2 ? (["a", "b"] as const) : (["b", "a"] as const);
    for (const v of order) {
      const fig = await pgFigure(v === "a" ? a : b);
      sums[v] += fig.rps;
      show(`round ${round} ${v === "a" ? "A (off)" : "B (on)"}`, fig);
      runs.push({ round, variant: v, rps: fig.rps, p50: fig.p50, p99: fig.p99, errors: fig.errors + fig.non2xx });
    }
  }
  sink?.close();
  const ratio = +(sums.b / sums.a).toFixed(3);
  console.log(
    JSON.stringify({
      compare: what,
      loadgen: LOADGEN,
      connections: CONNECTIONS,
      seconds: DURATION,
      runs,
      ratio_b_vs_a: ratio,
    }),
  );
}

async function main() {
  if (process.env.BENCH_COMPARE) return compare(process.env.BENCH_COMPARE);
  console.log(`load generator: ${LOADGEN}, ${CONNECTIONS} connections, ${DURATION} s`);
  if (only === "pg" || only === "embedded") {
    const fig = only === "pg" ? await pgFigure() : await consoleFigure({}, PORT_BASE + 3);
    show(`console decisions (${only})`, fig);
    console.log(
      JSON.stringify({
        loadgen: LOADGEN,
        connections: CONNECTIONS,
        seconds: DURATION,
        only,
        rps: fig.rps,
        p50_ms: fig.p50,
        p99_ms: fig.p99,
        errors: fig.errors + fig.non2xx,
      }),
    );
    return;
  }
  const echoBody = JSON.stringify({ server: "github", tool: "get_file_contents", arguments: { path: "README.md" } });
  const bare = await bareEcho(PORT_BASE);
  const bareFig = await load(`http://127.0.0.1:${PORT_BASE}`, [{ path: "/", headers: {}, body: echoBody }]);
  bare.close();
  show("bare node:http echo", bareFig);

  const next = await startConsole(PORT_BASE + 1, { BENCH_ECHO: "1" });
  // Warmed up like the console (route compiled, JIT), so the baseline is not understated.
  await load(next.url, [{ path: "/api/bench/echo", headers: {}, body: echoBody }]);
  const nextFig = await load(next.url, [{ path: "/api/bench/echo", headers: {}, body: echoBody }]);
  await next.stop();
  show("stock Next route echo", nextFig);

  const pgFig = await pgFigure();
  show("console decisions (PG)", pgFig);
  const embFig = await consoleFigure({}, PORT_BASE + 3);
  show("console decisions (PGlite)", embFig);

  const summary = {
    loadgen: LOADGEN,
    connections: CONNECTIONS,
    seconds: DURATION,
    bare_rps: bareFig.rps,
    bare_p50_ms: bareFig.p50,
    bare_p99_ms: bareFig.p99,
    next_echo_rps: nextFig.rps,
    next_echo_p50_ms: nextFig.p50,
    next_echo_p99_ms: nextFig.p99,
    pg_rps: pgFig.rps,
    pg_p50_ms: pgFig.p50,
    pg_p99_ms: pgFig.p99,
    pg_errors: pgFig.errors + pgFig.non2xx,
    pg_rows: pgFig.rows,
    embedded_rps: embFig.rps,
    embedded_p50_ms: embFig.p50,
    embedded_p99_ms: embFig.p99,
    embedded_errors: embFig.errors + embFig.non2xx,
    ratio_pg_vs_next_echo: +(pgFig.rps / nextFig.rps).toFixed(2),
    ratio_embedded_vs_next_echo: +(embFig.rps / nextFig.rps).toFixed(2),
    ratio_pg_vs_bare: +(pgFig.rps / bareFig.rps).toFixed(3),
  };
  console.log(JSON.stringify(summary));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
