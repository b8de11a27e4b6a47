/**
 * npm run soak [-- --minutes 10 --rate 30 --db embedded|pg]
 *
 * Starts a console (server.ts, the production entry) on loopback, sets up the seed's world through
 * its API, then sends a steady mix of traffic for the given time: decisions (ALLOW and approval-
 * gated), approvals by a second person, re-submits with the grant, results, output inspection,
 * approval status polls and audit searches. Every 30 s it samples the console's RSS; every minute
 * it prints requests, errors, p50 and p99. Ends with one JSON line. Target: 0 errors, flat memory,
 * p99 within 2× of the first minute. Needs a build (`npm run build`).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  newAgent,
  newUserToken,
  seedProduction,
  startWorldConsole,
  type WorldAgent,
  type WorldConsole,
} from "@/lib/testing/fuzz/console-world";
import { startPgInstance, type PgInstance } from "@/lib/testing/pg-instance";
import { freePort } from "@/lib/testing/server-everything";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    rate: { type: "string", default: "30" },
    db: { type: "string", default: "embedded" },
  },
});
const MINUTES = Number(args.minutes);
const RATE = Number(args.rate);
const MAX_IN_FLIGHT = 200;
if (!(MINUTES > 0) || !(RATE > 0) || !["embedded", "pg"].includes(args.db!)) {
  console.error("usage: npm run soak -- [--minutes 10] [--rate 30] [--db embedded|pg]");
  process.exit(2);
}

interface Sample {
  op: string;
  minute: number;
  ms: number;
  ok: boolean;
}

const samples: Sample[] = [];
const errors: Record<string, number> = {};
const errorExamples: string[] = [];
const rss: { atSec: number; mb: number }[] = [];
let dropped = 0;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS:"));
  return Math.round(Number(line?.split(/\s+/)[1] ?? 0) / 1024);
}

function pct(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] : 0;
}

let startedAt = 0;
/** Times one request; anything but the expected status is an error (with the first few kept as examples). */
async function timed(op: string, run: () => Promise<Response>, expected = 200): Promise<unknown> {
  const t0 = performance.now();
  let ok = false;
  let body: unknown = null;
  try {
    const res = await run();
    const text = await res.text();
    body = text ? JSON.parse(text) : null;
    ok = res.status === expected;
    if (!ok) throw new Error(`${res.status} ${text.slice(0, 200)}`);
  } catch (err) {
    errors[op] = (errors[op] ?? 0) + 1;
    if (errorExamples.length < 10) errorExamples.push(`${op}: ${err instanceof Error ? err.message : String(err)}`);
  }
  samples.push({ op, minute: Math.floor((t0 - startedAt) / 60_000), ms: performance.now() - t0, ok });
  return ok ? body : null;
}

/** What every kind of operation needs: the two ways to call the console, and state shared between operations. */
interface Traffic {
  agentFetch: (path: string, body?: unknown) => Promise<Response>;
  consoleFetch: (path: string, token: string, body?: unknown) => Promise<Response>;
  approverToken: string;
  adminToken: string;
  /** Recent approval ids, for status polls. */
  approvals: string[];
  /** A counter that varies paths, arguments and queries. */
  n: number;
}

function traffic(world: WorldConsole, agent: WorldAgent, approverToken: string) {
  const call = (path: string, token: string, body?: unknown) =>
    fetch(`${world.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const t: Traffic = {
    agentFetch: async (path, body) => call(path, await agent.client.accessToken(), body),
    consoleFetch: call,
    approverToken,
    adminToken: world.adminToken,
    approvals: [],
    n: 0,
  };
  const ops: [weight: number, name: string, run: () => Promise<unknown>][] = [
    [50, "decision+result", () => decisionAndResult(t)],
    [12, "approval flow", () => approvalFlow(t)],
    [10, "approval status", () => approvalStatus(t)],
    [10, "audit search", () => auditSearch(t)],
    [8, "inspect", () => inspect(t)],
  ];
  const total = ops.reduce((s, [w]) => s + w, 0);
  return () => {
    let r = Math.random() * total;
    for (const [w, , run] of ops) {
      if ((r -= w) < 0) return run();
    }
    return ops[0][2]();
  };
}

/** An allowed read, then its result. */
async function decisionAndResult(t: Traffic): Promise<void> {
  const d = (await timed("decision", () =>
    t.agentFetch("/api/v1/decisions", {
      server: "github",
      tool: "get_file_contents",
      arguments: { path: `src/${t.n++ % 500}.ts` },
    }),
  )) as { decision_id: string } | null;
  if (d)
    await timed("result", () =>
      t.agentFetch(`/api/v1/decisions/${d.decision_id}/result`, {
        status: "ok",
        duration_ms: 12,
        output: { content: `file ${t.n} contents, contact ops@example.com` },
      }),
    );
}

/** A write that needs approval: approved by a second person, re-submitted with the grant, its result reported. */
async function approvalFlow(t: Traffic): Promise<void> {
  const call = { server: "jira", tool: "create_issue", arguments: { summary: `soak ${t.n++}` } };
  const d = (await timed("decision (approval)", () => t.agentFetch("/api/v1/decisions", call))) as {
    approval: { id: string };
  } | null;
  if (!d?.approval) return;
  t.approvals.push(d.approval.id);
  if (t.approvals.length > 50) t.approvals.shift();
  const approve = () =>
    t.consoleFetch(`/api/console/approvals/${d.approval.id}/approve`, t.approverToken, { reason: "soak" });
  if (!(await timed("approve", approve))) return;
  const granted = (await timed("re-submit", () =>
    t.agentFetch("/api/v1/decisions", { ...call, approval_id: d.approval.id }),
  )) as { decision_id: string; decision: string } | null;
  if (granted && granted.decision !== "ALLOW") errors["re-submit not ALLOW"] = (errors["re-submit not ALLOW"] ?? 0) + 1;
  if (granted)
    await timed("result", () =>
      t.agentFetch(`/api/v1/decisions/${granted.decision_id}/result`, {
        status: "ok",
        duration_ms: 40,
        output: "created JIRA-1",
      }),
    );
}

async function approvalStatus(t: Traffic): Promise<void> {
  const id = t.approvals[t.n++ % Math.max(1, t.approvals.length)];
  if (id) await timed("approval status", () => t.agentFetch(`/api/v1/approvals/${id}`));
}

async function auditSearch(t: Traffic): Promise<void> {
  const q = [
    `kind=decisions&limit=50`,
    `kind=decisions&outcome=ALLOW&limit=50`,
    `kind=events&limit=50`,
    `kind=decisions&q=soak&limit=20`,
  ][t.n++ % 4];
  await timed("audit search", () => t.consoleFetch(`/api/console/audit?${q}`, t.adminToken));
}

async function inspect(t: Traffic): Promise<void> {
  await timed("inspect", () =>
    t.agentFetch("/api/v1/inspect", { output: { text: `row ${t.n++}: key AKIA${"X".repeat(16)} in a log line` } }),
  );
}

async function main() {
  let pgi: PgInstance | null = null;
  let world: WorldConsole | null = null;
  try {
    let databaseUrl: string | undefined;
    if (args.db === "pg") {
      pgi = await startPgInstance();
      databaseUrl = await pgi.createDatabase("soak");
    }
    world = await startWorldConsole({
      databaseUrl: databaseUrl ?? "",
      port: await freePort(),
      env: databaseUrl ? {} : { DATABASE_URL: "" },
    });
    await seedProduction(world);
    const agent = await newAgent(world, "soak-bot", ["mcp:github:read", "mcp:jira:write"]);
    const approverToken = await newUserToken(world, "approver", "soak-approver@example.com");
    const next = traffic(world, agent, approverToken);
    console.log(
      `soak: ${MINUTES} min at ${RATE} operations/s against ${world.url} (${args.db}), console pid ${world.proc.pid}`,
    );
    const reported = await runOpenLoop(world.proc.pid, next);
    const summary = summarize(reported);
    console.log(JSON.stringify(summary));
    process.exitCode = summary.errors > 0 ? 1 : 0;
  } finally {
    const output = world?.proc.output() ?? "";
    if (output.trim()) {
      const file = `/tmp/soak-console-${world!.proc.pid}.log`;
      writeFileSync(file, output);
      console.log(`console stderr (last 200 kB): ${file}`);
    }
    await world?.proc.stop();
    await pgi?.remove();
  }
}

/**
 * Open loop: one operation every 1/RATE s whether or not earlier ones have finished, for MINUTES; RSS sampled every
 * 30 s, a line printed every minute. Returns how many minutes were printed.
 */
async function runOpenLoop(pid: number, next: () => Promise<unknown>): Promise<number> {
  startedAt = performance.now();
  const endAt = startedAt + MINUTES * 60_000;
  let inFlight = 0;
  const pending = new Set<Promise<unknown>>();
  rss.push({ atSec: 0, mb: rssMb(pid) });
  const sampler = setInterval(
    () => rss.push({ atSec: Math.round((performance.now() - startedAt) / 1000), mb: rssMb(pid) }),
    30_000,
  );
  let reported = 0;
  const reporter = setInterval(() => {
    const minute = Math.floor((performance.now() - startedAt) / 60_000) - 1;
    if (minute < reported) return;
    reported = minute + 1;
    const m = samples.filter((s) => s.minute === minute);
    const ms = m.map((s) => s.ms).sort((a, b) => a - b);
    console.log(
      `minute ${minute + 1}: ${m.length} requests, ${m.filter((s) => !s.ok).length} errors, p50 ${pct(ms, 50).toFixed(1)} ms, p99 ${pct(ms, 99).toFixed(1)} ms, rss ${rss[rss.length - 1].mb} MB`,
    );
  }, 1_000);

  const interval = 1000 / RATE;
  for (let i = 0; ; i++) {
    const due = startedAt + i * interval;
    if (due >= endAt) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= MAX_IN_FLIGHT) {
      dropped++;
      continue;
    }
    inFlight++;
    const p = next().finally(() => {
      inFlight--;
      pending.delete(p);
    });
    pending.add(p);
  }
  await Promise.allSettled([...pending]);
  clearInterval(sampler);
  clearInterval(reporter);
  rss.push({ atSec: Math.round((performance.now() - startedAt) / 1000), mb: rssMb(pid) });
  return reported;
}

/** The run's figures: p99 per minute and its drift, errors, memory growth after warm-up, p99 per operation. */
function summarize(reported: number) {
  const minutes = [...new Set(samples.map((s) => s.minute))].sort((a, b) => a - b).filter((m) => m < MINUTES);
  const p99s = minutes.map((m) =>
    pct(
      samples
        .filter((s) => s.minute === m)
        .map((s) => s.ms)
        .sort((a, b) => a - b),
      99,
    ),
  );
  if (reported < minutes.length) console.log(`minute ${minutes.length}: p99 ${p99s[p99s.length - 1].toFixed(1)} ms`);
  const errorCount = Object.values(errors).reduce((a, b) => a + b, 0) + dropped;
  for (const e of errorExamples) console.log(`  error: ${e}`);
  // Memory after the first sample past warm-up (30 s) against the last: growth the soak caused.
  const warm = rss.find((r) => r.atSec >= 30) ?? rss[0];
  const last = rss[rss.length - 1];
  const perOp: Record<string, { n: number; p99_ms: number }> = {};
  for (const op of new Set(samples.map((s) => s.op))) {
    const ms = samples
      .filter((s) => s.op === op)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    perOp[op] = { n: ms.length, p99_ms: Math.round(pct(ms, 99) * 10) / 10 };
  }
  return {
    soak: true,
    db: args.db,
    minutes: MINUTES,
    rate_ops_per_s: RATE,
    requests: samples.length,
    errors: errorCount,
    errors_by_op: errors,
    dropped_over_in_flight_cap: dropped,
    p99_ms_per_minute: p99s.map((v) => Math.round(v * 10) / 10),
    p99_last_over_first: p99s.length ? Math.round((p99s[p99s.length - 1] / p99s[0]) * 100) / 100 : null,
    p99_max_over_first: p99s.length ? Math.round((Math.max(...p99s) / p99s[0]) * 100) / 100 : null,
    rss_mb: rss.map((r) => r.mb),
    rss_growth_after_warmup_mb: last.mb - warm.mb,
    per_op: perOp,
  };
}

await main();
