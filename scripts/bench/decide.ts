// npm run bench:decide — decisions/s through the real console (every decision durably audited
// before its answer) on PostgreSQL and on the embedded database, against two baselines measured
// in the same run: a bare node:http JSON echo and a stock Next route-handler echo.
//
// Each console is measured twice: saturating (closed loop, CONNECTIONS connections as fast as they
// are answered) and paced (open loop: a fixed arrival rate, latency from each request's intended
// send time, so queueing is not hidden). Beside each p99 it prints where the tail comes from, as
// the console measured it (BENCH_PROBES=1 on the console, read from /api/bench/probes): GC pauses,
// event-loop delay, how long a batch's first row waited for its batch, batch sizes, the
// chain-locked batch statement (lock wait + hold + commit + round trip), waits for a pooled connection.
//
// Flags (environment): BENCH_SECONDS per measurement (default 10); BENCH_PACED=half|off|<rps>
// (default half: half the saturating rate of the same console in the same run); BENCH_PROBES=0
// measures without the probes; BENCH_PORT_BASE (default 3490, four ports); BENCH_LOADGEN=wrk|autocannon for the saturating load (the paced
// load is Node's http client in this process); BENCH_ONLY, BENCH_CPU_PROF, BENCH_NODE_ARGS below.
import http from "node:http";
import os from "node:os";
import pg from "pg";
import type { BenchProbeSnapshot } from "../../lib/server/bench-probes";
import { withScratchPgDatabase } from "../../lib/testing/test-db";
import { adminToken, benchNodeArgs, startConsole } from "./console-process";
import {
  CONNECTIONS,
  DURATION,
  decisionRequests,
  type Figure,
  LOADGEN,
  load,
  type PacedFigure,
  pacedLoad,
} from "./load-gen";

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

const PACED = process.env.BENCH_PACED ?? "half";
/** BENCH_PORT_BASE: the first of the four ports it uses (default 3490). */
const PORT = Number(process.env.BENCH_PORT_BASE ?? 3490);
const PROBES = process.env.BENCH_PROBES !== "0";

interface ConsoleFigure extends Figure {
  rows?: number;
  tail?: BenchProbeSnapshot;
  paced?: PacedFigure & { tail?: BenchProbeSnapshot };
}

async function consoleFigure(
  extraEnv: Record<string, string>,
  port: number,
  countRows?: (url: string) => Promise<number>,
): Promise<ConsoleFigure> {
  const c = await startConsole(port, { ...extraEnv, ...(PROBES ? { BENCH_PROBES: "1" } : {}) }, benchNodeArgs());
  try {
    const requests = await decisionRequests(c.url);
    const admin = PROBES ? await adminToken(c.url) : "";
    // Ends the probes' window (DELETE answers it and starts the next).
    const probes = async () => {
      if (!PROBES) return undefined;
      const res = await fetch(`${c.url}/api/bench/probes`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${admin}` },
      });
      if (!res.ok) throw new Error(`/api/bench/probes: ${res.status}`);
      return (await res.json()) as BenchProbeSnapshot;
    };
    await load(c.url, requests.slice(0, 10)); // warm-up: JIT, caches, connection pool
    await probes();
    const figure: ConsoleFigure = await load(c.url, requests);
    figure.tail = await probes();
    const rate = PACED === "off" ? 0 : PACED === "half" ? Math.round(figure.rps / 2) : Number(PACED);
    if (rate > 0) {
      const paced = await pacedLoad(c.url, requests, rate);
      figure.paced = { ...paced, tail: await probes() };
    }
    return { ...figure, rows: countRows ? await countRows(c.url) : undefined };
  } finally {
    await c.stop();
  }
}

async function pgFigure(extraEnv: Record<string, string> = {}) {
  return withScratchPgDatabase(async (dbUrl) => {
    const fig = await consoleFigure({ DATABASE_URL: dbUrl, ...extraEnv }, PORT + 2);
    const c = new pg.Client({ connectionString: dbUrl });
    await c.connect();
    const rows = Number((await c.query("SELECT count(*) FROM decisions")).rows[0].count);
    await c.end();
    return { ...fig, rows };
  });
}

/** The probes' figures on one line: what to read beside a p99. */
function tailLine(t: BenchProbeSnapshot | undefined): string {
  if (!t) return "";
  const h = (x: { p99?: number; max?: number }) => `p99 ${x.p99 ?? 0} max ${x.max ?? 0} ms`;
  const sizes = Object.entries(t.batch_size.histogram)
    .map(([k, n]) => `${k}:${n}`)
    .join(" ");
  return (
    `    tail causes: GC ${t.gc.pauses} pauses, ${h(t.gc)}, ${(t.gc.share * 100).toFixed(1)}% of time · ` +
    `event-loop delay p50 ${t.event_loop_delay_ms.p50} ${h(t.event_loop_delay_ms)} · ` +
    `batch wait ${h(t.batch_wait_ms)} · batch size mean ${t.batch_size.mean} max ${t.batch_size.max} [${sizes}] · ` +
    `chain statement p50 ${t.chain_statement_ms.p50 ?? 0} ${h(t.chain_statement_ms)} · ` +
    `pool wait ${h(t.pool_wait_ms)}, ${t.pool_wait_ms.over_1ms} of ${t.pool_wait_ms.waits} over 1 ms`
  );
}

const showPaced = (label: string, p: ConsoleFigure["paced"]) => {
  if (!p) return;
  console.log(
    `${label.padEnd(27)}${p.rps} req/s (paced at ${p.targetRps})  p50 ${p.p50} ms  p90 ${p.p90} ms  p99 ${p.p99} ms  ` +
      `p99.9 ${p.p999} ms  max ${p.max} ms  errors ${p.errors} non-2xx ${p.non2xx} missing ${p.missing}`,
  );
  console.log(
    `    load generator: sent late by p99 ${p.sendLagP99} ms · its event-loop delay p99 ${p.loopDelayP99} ms`,
  );
  if (p.tail) console.log(tailLine(p.tail));
};

/** The JSON summary's fields for one console. */
function summaryOf(prefix: string, f: ConsoleFigure) {
  return {
    [`${prefix}_rps`]: f.rps,
    [`${prefix}_p50_ms`]: f.p50,
    [`${prefix}_p99_ms`]: f.p99,
    [`${prefix}_errors`]: f.errors + f.non2xx,
    ...(f.tail ? { [`${prefix}_tail`]: f.tail } : {}),
    ...(f.paced
      ? {
          [`${prefix}_paced_target_rps`]: f.paced.targetRps,
          [`${prefix}_paced_rps`]: f.paced.rps,
          [`${prefix}_paced_p50_ms`]: f.paced.p50,
          [`${prefix}_paced_p99_ms`]: f.paced.p99,
          [`${prefix}_paced_p999_ms`]: f.paced.p999,
          [`${prefix}_paced_send_lag_p99_ms`]: f.paced.sendLagP99,
          [`${prefix}_paced_errors`]: f.paced.errors + f.paced.non2xx + f.paced.missing,
          ...(f.paced.tail ? { [`${prefix}_paced_tail`]: f.paced.tail } : {}),
        }
      : {}),
  };
}

const show = (label: string, f: ConsoleFigure) => {
  console.log(
    `${label.padEnd(27)}${f.rps} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  errors ${f.errors} non-2xx ${f.non2xx}${f.rows !== undefined ? `  rows ${f.rows}` : ""}`,
  );
  if (f.tail) console.log(tailLine(f.tail));
  showPaced(label.replace("decisions", "paced"), f.paced);
};

/**
 * BENCH_COMPARE=receipts|otel|env: the console on PostgreSQL without (A) and with (B) decision receipts,
 * with OpenTelemetry export off (A) and on (B, to an OTLP sink in this process), or with the
 * environments BENCH_A and BENCH_B (JSON objects of variables), in alternating
 * rounds (BENCH_ROUNDS, default 2) of one run; prints each round and B/A of the summed decisions/s.
 */
async function compare(what: string) {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  let sink: http.Server | undefined;
  let a: Record<string, string> = {};
  let b: Record<string, string> = {};
  if (what === "receipts") a = { BENCH_NO_RECEIPTS: "1" };
  else if (what === "otel") {
    // An empty success for protobuf (the default), `{}` for OTEL_EXPORTER_OTLP_PROTOCOL=http/json.
    sink = http.createServer((req, res) =>
      req.resume().on("end", () => res.writeHead(200).end(req.headers["content-type"]?.includes("json") ? "{}" : "")),
    );
    await new Promise<void>((resolve) => sink?.listen(PORT + 9, "127.0.0.1", resolve));
    b = {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${PORT + 9}`,
      OTEL_METRIC_EXPORT_INTERVAL: "5000",
      // BENCH_OTEL: more OTEL_* variables for B, e.g. '{"OTEL_TRACES_SAMPLER_ARG":"0.1"}'.
      ...JSON.parse(process.env.BENCH_OTEL ?? "{}"),
    };
  } else if (what === "env") {
    // Any two console environments, e.g. BENCH_A='{"X":"0"}' BENCH_B='{"X":"1"}' (an experiment's switch).
    a = JSON.parse(process.env.BENCH_A ?? "{}");
    b = JSON.parse(process.env.BENCH_B ?? "{}");
  } else throw new Error(`BENCH_COMPARE must be receipts, otel or env, not ${what}`);
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
  const summary = { compare: what, loadgen: LOADGEN, connections: CONNECTIONS, seconds: DURATION, runs };
  console.log(JSON.stringify({ ...summary, ratio_b_vs_a: ratio }));
}

async function main() {
  if (process.env.BENCH_COMPARE) return compare(process.env.BENCH_COMPARE);
  console.log(
    `load generator: ${LOADGEN}, ${CONNECTIONS} connections, ${DURATION} s; paced: ${PACED}; ` +
      `probes: ${PROBES ? "on" : "off"}; ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
  );
  if (only === "pg" || only === "embedded") {
    const fig = only === "pg" ? await pgFigure() : await consoleFigure({}, PORT + 3);
    show(`console decisions (${only})`, fig);
    console.log(
      JSON.stringify({
        loadgen: LOADGEN,
        connections: CONNECTIONS,
        seconds: DURATION,
        only,
        ...summaryOf(only, fig),
      }),
    );
    return;
  }
  const echoBody = JSON.stringify({ server: "github", tool: "get_file_contents", arguments: { path: "README.md" } });
  const bare = await bareEcho(PORT);
  const bareFig = await load(`http://127.0.0.1:${PORT}`, [{ path: "/", headers: {}, body: echoBody }]);
  bare.close();
  show("bare node:http echo", bareFig);

  const next = await startConsole(PORT + 1, { BENCH_ECHO: "1" });
  // Warmed up like the console (route compiled, JIT), so the baseline is not understated.
  await load(next.url, [{ path: "/api/bench/echo", headers: {}, body: echoBody }]);
  const nextFig = await load(next.url, [{ path: "/api/bench/echo", headers: {}, body: echoBody }]);
  await next.stop();
  show("stock Next route echo", nextFig);

  const pgFig = await pgFigure();
  show("console decisions (PG)", pgFig);
  const embFig = await consoleFigure({}, PORT + 3);
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
    ...summaryOf("pg", pgFig),
    pg_rows: pgFig.rows,
    ...summaryOf("embedded", embFig),
    ratio_pg_vs_next_echo: +(pgFig.rps / nextFig.rps).toFixed(2),
    ratio_embedded_vs_next_echo: +(embFig.rps / nextFig.rps).toFixed(2),
    ratio_pg_vs_bare: +(pgFig.rps / bareFig.rps).toFixed(3),
    load_average_end: os.loadavg()[0],
  };
  console.log(JSON.stringify(summary));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
