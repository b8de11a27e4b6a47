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

async function pgFigure() {
  return withScratchPgDatabase(async (dbUrl) => {
    const fig = await consoleFigure({ DATABASE_URL: dbUrl }, 3492);
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

async function main() {
  console.log(`load generator: ${LOADGEN}, ${CONNECTIONS} connections, ${DURATION} s`);
  if (only === "pg" || only === "embedded") {
    const fig = only === "pg" ? await pgFigure() : await consoleFigure({}, 3493);
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
  const bare = await bareEcho(3490);
  const bareFig = await load("http://127.0.0.1:3490", [{ path: "/", headers: {}, body: echoBody }]);
  bare.close();
  show("bare node:http echo", bareFig);

  const next = await startConsole(3491, { BENCH_ECHO: "1" });
  // Warmed up like the console (route compiled, JIT), so the baseline is not understated.
  await load(next.url, [{ path: "/api/bench/echo", headers: {}, body: echoBody }]);
  const nextFig = await load(next.url, [{ path: "/api/bench/echo", headers: {}, body: echoBody }]);
  await next.stop();
  show("stock Next route echo", nextFig);

  const pgFig = await pgFigure();
  show("console decisions (PG)", pgFig);
  const embFig = await consoleFigure({}, 3493);
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
