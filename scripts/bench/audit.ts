// npm run bench:audit — 1,000,000 decisions in a fresh PostgreSQL database (created here,
// dropped at the end), then the audit searches the console runs (lib/server/audit-search, the
// same SQL as GET /api/console/audit) and the gate metrics (computeMetric, what
// /api/metrics/<name> answers), each timed sequentially; p50/p95 per query and one JSON line.
// Runs under `tsx --conditions=react-server` so the server-only modules load outside Next.
import { createHash } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { METRIC_NAMES, gateDefinition } from "@/lib/metrics/gates";
import { auditExportQuery, auditFilterSchema, type AuditKind } from "@/lib/schemas/audit";
import { exportStream } from "@/lib/server/audit-search/export";
import { catchUpProjection } from "@/lib/server/audit-search/projection";
import { searchAudit, type Query } from "@/lib/server/audit-search/search";
import { computeMetric } from "@/lib/server/metrics/evaluate-gates";
import { applyMigrations, type SqlRunner } from "@/lib/server/migrate";

const ADMIN_URL =
  process.env.BENCH_PG_ADMIN_URL ?? process.env.TEST_PG_ADMIN_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 30);
const CHUNK = 100_000;
const AGENTS = 200;
const SERVERS = [
  "github",
  "jira",
  "notion",
  "slack",
  "confluence",
  "linear",
  "gitlab",
  "pagerduty",
  "sentry",
  "datadog",
  "zendesk",
  "salesforce",
];

const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);

function runnerOf(pool: pg.Pool): SqlRunner {
  const self: SqlRunner = {
    exec: async (text) => void (await pool.query(text)),
    query: async (text, params = []) => (await pool.query(text, params as unknown[])).rows,
    withLock: (fn) => fn(self),
  };
  return self;
}

/** Decisions spread over the last 7 days, oldest first, so seq and time grow together as in production. */
function decisionChunkSql(from: number, to: number, total: number): string {
  return `
INSERT INTO decisions ("id", "at", "environment", "agentId", "clientId", "server", "tool", "action", "risk", "decision", "outcome", "ruleId", "reason",
  "constraints", "policyVersion", "policyHash", "requestHash", "arguments", "approvalId", "idempotencyKey", "tokenJti", "latencyMs", "httpStatus", "response", "prevHash", "hash")
SELECT gen_random_uuid(),
  now() - interval '7 days' + (i::float8 / ${total}) * interval '7 days',
  (CASE WHEN i % 10 < 7 THEN 'production' WHEN i % 10 < 9 THEN 'staging' ELSE 'development' END)::"Environment",
  NULL, 'agent-' || (i * 7919 % ${AGENTS}),
  s.server, t.tool, t.action, t.risk,
  o.decision, o.outcome, o.rule, o.reason,
  CASE WHEN o.outcome = 'CONSTRAINTS' THEN '{"max_runtime_sec": 60}'::jsonb ELSE '{}'::jsonb END,
  3, 'sha256:' || repeat('ab', 32),
  'sha256:' || md5(i::text) || md5((i + 1)::text),
  jsonb_build_object('repo', 'acme/repo-' || (i % 5000), 'title', 'issue ' || i, 'labels', jsonb_build_array('triage', 'p' || (i % 4))),
  NULL, NULL, NULL, 2 + (i % 37), 200, '{}'::jsonb,
  'sha256:' || md5('p' || i) || md5('q' || i), 'sha256:' || md5('h' || i) || md5('k' || i)
FROM generate_series(${from}::bigint, ${to - 1}::bigint) AS i
CROSS JOIN LATERAL (SELECT (ARRAY[${SERVERS.map((s) => `'${s}'`).join(",")}])[1 + (i * 31 % ${SERVERS.length})] AS server) s
CROSS JOIN LATERAL (SELECT (ARRAY['search','get_item','create_item','delete_item'])[1 + i % 4] AS tool,
                           (ARRAY['read','read','write','admin'])[1 + i % 4] AS action,
                           (ARRAY['low','low','medium','high'])[1 + i % 4] AS risk) t
CROSS JOIN LATERAL (SELECT * FROM (VALUES
  (0, 'ALLOW', 'ALLOW', 'allow-readonly-registered-servers', 'rule_matched'),
  (1, 'ALLOW', 'CONSTRAINTS', 'approval-required-write-actions', 'approval_granted'),
  (2, 'REQUIRE_APPROVAL', 'APPROVAL', 'approval-required-write-actions', 'rule_matched'),
  (3, 'DENY', 'DENY', NULL, 'no_rule_matched')) v(k, decision, outcome, rule, reason)
  WHERE v.k = CASE WHEN i % 100 < 70 THEN 0 WHEN i % 100 < 75 THEN 1 WHEN i % 100 < 85 THEN 2 ELSE 3 END) o`;
}

/** Results, approvals, events and the per-minute rollups the gate metrics read, derived from the decisions. */
const DERIVED_SQL = [
  `INSERT INTO tool_results ("decisionId", "at", "environment", "clientId", "server", "tool", "action", "risk", "status", "durationMs", "safetyAction", "findings", "unapproved", "highRiskWrite")
   SELECT id, at + interval '1 second', environment, "clientId", server, tool, action, risk, CASE WHEN seq % 50 = 0 THEN 'error' ELSE 'ok' END,
          (40 + (seq * 7919 % 1900))::int, CASE WHEN seq % 200 = 0 THEN 'QUARANTINE' WHEN seq % 40 = 0 THEN 'REDACT' ELSE 'ALLOW' END, '[]'::jsonb, false, false
   FROM decisions WHERE decision = 'ALLOW' AND seq % 4 = 0`,
  `INSERT INTO approvals ("id", "environment", "clientId", "server", "tool", "action", "risk", "arguments", "requestHash", "policyHash", "policyVersion", "status", "createdAt", "expiresAt", "decidedAt", "decidedBy", "originDecisionId")
   SELECT gen_random_uuid(), environment, "clientId", server, tool, coalesce(action, 'write'), coalesce(risk, 'medium'), arguments, "requestHash", "policyHash", 3,
          'APPROVED', at, at + interval '1 hour', at + ((seq % 25) || ' minutes')::interval, 'approver@example.com', id
   FROM decisions WHERE outcome = 'APPROVAL' AND seq % 5 = 0`,
  `INSERT INTO audit_events ("id", "at", "actorType", "actorId", "actorLabel", "action", "targetType", "targetId", "environment", "data", "prevHash", "hash")
   SELECT gen_random_uuid(), now() - interval '7 days' + (i::float8 / 100000) * interval '7 days', 'user', NULL, 'user-' || (i % 50) || '@example.com',
          (ARRAY['approval.approved','policy.published','agent.create','token.issue'])[1 + i % 4], 'approval', gen_random_uuid()::text, 'production'::"Environment",
          jsonb_build_object('server', 'github', 'reason', 'change ' || i), 'sha256:' || md5('e' || i) || md5('f' || i), 'sha256:' || md5('g' || i) || md5('j' || i)
   FROM generate_series(1, 100000) AS i`,
  `INSERT INTO metric_decision_rollups (minute, environment, server, action, outcome, count)
   SELECT date_trunc('minute', at), environment, server, coalesce(action, ''), outcome, count(*) FROM decisions GROUP BY 1, 2, 3, 4, 5`,
  `INSERT INTO metric_result_rollups (minute, environment, server, action, count, errors, timeouts, redacted, quarantined, unapproved, "unapprovedHighRisk", "durationSumMs")
   SELECT date_trunc('minute', at), environment, server, coalesce(action, ''), count(*), count(*) FILTER (WHERE status = 'error'), count(*) FILTER (WHERE status = 'timeout'),
          count(*) FILTER (WHERE "safetyAction" = 'REDACT'), count(*) FILTER (WHERE "safetyAction" = 'QUARANTINE'), 0, 0, sum("durationMs")
   FROM tool_results GROUP BY 1, 2, 3, 4`,
  // The histogram bucket of lib/metrics/histogram.ts: whole ms below 100, then 64 per doubling.
  `INSERT INTO metric_latency_rollups (minute, environment, server, action, bucket, count)
   SELECT date_trunc('minute', at), environment, server, coalesce(action, ''),
          CASE WHEN "durationMs" < 100 THEN "durationMs" ELSE 100 + floor(64 * log(2, "durationMs" / 100.0) + 1e-9)::int END, count(*)
   FROM tool_results GROUP BY 1, 2, 3, 4, 5`,
];

function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { p50: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2), max: +s[s.length - 1].toFixed(2) };
}

async function time(runs: number, fn: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn(i + 1_000); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn(i);
    samples.push(performance.now() - started);
  }
  return percentiles(samples);
}

async function main() {
  const name = `mgc_bench_audit_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
  // A dropped idle connection must not kill the run; the pool replaces it.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  try {
    const sql = runnerOf(pool);
    await applyMigrations(sql);
    log(`database ${name} migrated`);
    const data = await loadData(sql, pool);
    log(`data ready: ${JSON.stringify(data.counts)}; timing ${RUNS} runs per query after 3 warm-ups`);
    const searches = await timeSearches(sql);
    const gates = await timeGates(prisma);
    const exportFig = await timeExport(sql);

    const searchP95 = Math.max(...Object.values(searches).map((s) => s.p95));
    const gateP95 = Math.max(...Object.values(gates).map((s) => s.p95));
    log(`worst search p95 ${searchP95} ms (target ≤ 200) · worst gate metric p95 ${gateP95} ms (target ≤ 100)`);
    console.log(
      JSON.stringify({
        bench: "audit",
        rows: data.counts,
        generate_ms: Math.round(data.generateMs),
        load_ms: Math.round(data.loadMs),
        index_build_ms: Math.round(data.indexMs),
        runs: RUNS,
        search_ms: searches,
        gate_metric_ms: gates,
        gate_metric_source: "computeMetric() — the function GET /api/metrics/<name> answers with, called in-process",
        export_csv: exportFig,
        worst_search_p95_ms: searchP95,
        worst_gate_p95_ms: gateP95,
        search_target_met: searchP95 <= 200,
        gate_target_met: gateP95 <= 100,
        total_s: +((performance.now() - t0) / 1000).toFixed(1),
      }),
    );
  } finally {
    await prisma.$disconnect().catch(() => {});
    await pool.end().catch(() => {});
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
    await admin.end();
  }
}

/** Generates ROWS decisions and what derives from them, loaded the way a restore is; returns the timings and counts. */
async function loadData(sql: SqlRunner, pool: pg.Pool) {
  log(`generating ${ROWS.toLocaleString("en")} decisions in chunks of ${CHUNK.toLocaleString("en")}`);
  const genStarted = performance.now();
  // Bulk load the way a restore does: secondary indexes off, rows in, indexes rebuilt in one pass each.
  const indexes = (await sql.query(
    `SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('decisions', 'audit_events', 'decision_search') AND indexname NOT LIKE '%_pkey'`,
  )) as { indexname: string; indexdef: string }[];
  for (const ix of indexes) await sql.exec(`DROP INDEX "${ix.indexname}"`);
  for (let from = 0; from < ROWS; from += CHUNK) {
    await sql.exec(decisionChunkSql(from, Math.min(ROWS, from + CHUNK), ROWS));
    log(`  ${Math.min(ROWS, from + CHUNK).toLocaleString("en")} decisions`);
  }
  const loadMs = performance.now() - genStarted;
  for (const stmt of DERIVED_SQL) await sql.exec(stmt);
  // The search projection (migration 0016) catches up the way the background job would after an outage.
  const projectStarted = performance.now();
  const projected = await catchUpProjection((text, params) => sql.query(text, params ? [...params] : undefined));
  log(
    `${projected.toLocaleString("en")} decisions projected for search in ${Math.round(performance.now() - projectStarted)} ms`,
  );
  log(`results, approvals, 100,000 audit events and metric rollups derived; rebuilding ${indexes.length} indexes`);
  const indexStarted = performance.now();
  const client = await pool.connect();
  try {
    await client.query(`SET maintenance_work_mem = '256MB'`);
    for (const ix of indexes) await client.query(ix.indexdef);
  } finally {
    client.release();
  }
  const indexMs = performance.now() - indexStarted;
  const generateMs = performance.now() - genStarted;
  await sql.exec("VACUUM ANALYZE");
  const counts = (
    await sql.query(
      `SELECT (SELECT count(*) FROM decisions)::int AS decisions, (SELECT count(*) FROM tool_results)::int AS results, (SELECT count(*) FROM approvals)::int AS approvals, (SELECT count(*) FROM audit_events)::int AS events`,
    )
  )[0];
  return { loadMs, indexMs, generateMs, counts };
}

/** p50/p95/max of each audit search the console makes. */
async function timeSearches(sql: SqlRunner) {
  const maxSeq = Number((await sql.query(`SELECT max(seq)::text AS m FROM decisions`))[0].m);
  const q: Query = sql;
  const search = (kind: AuditKind, raw: Record<string, string>, cursor?: string, payload = true) =>
    searchAudit(q, kind, auditFilterSchema.parse({ kind, ...raw }), { payload, cursor, limit: 50 });
  const cases: [string, (i: number) => Promise<unknown>][] = [
    ["first_page", () => search("decisions", {})],
    ["by_agent", (i) => search("decisions", { agent: `agent-${i % AGENTS}` })],
    ["by_outcome_server", (i) => search("decisions", { outcome: "DENY", server: SERVERS[i % SERVERS.length] })],
    [
      "by_agent_server_tool",
      (i) =>
        search("decisions", {
          agent: `agent-${(i * 13) % AGENTS}`,
          server: SERVERS[i % SERVERS.length],
          tool: "delete_item",
        }),
    ],
    ["by_request_hash", (i) => search("decisions", { request_hash: `sha256:${md5ish(i)}` })],
    ["last_hour_production", () => search("decisions", { range: "1h", environment: "production" })],
    ["free_text_argument", (i) => search("decisions", { q: `repo-${(i * 97) % 5000}` })],
    ["free_text_metadata_rare", (i) => search("decisions", { q: `agent-${i % AGENTS} delete_item` }, undefined, false)],
    ["free_text_metadata_common", (i) => search("decisions", { q: SERVERS[i % SERVERS.length] }, undefined, false)],
    ["deep_cursor_page", (i) => search("decisions", {}, String(1_000 + ((i * 7_919) % 20_000)))],
    [
      "deep_cursor_by_agent",
      (i) => search("decisions", { agent: `agent-${i % AGENTS}` }, String(Math.floor(maxSeq * 0.05) + i)),
    ],
    ["events_by_actor", (i) => search("events", { actor: `user-${i % 50}@example.com` })],
    ["events_free_text", (i) => search("events", { q: `change ${i * 101}` })],
  ];
  const searches: Record<string, ReturnType<typeof percentiles>> = {};
  for (const [label, fn] of cases) {
    searches[label] = await time(RUNS, fn);
    log(
      `  search ${label.padEnd(26)} p50 ${String(searches[label].p50).padStart(7)} ms   p95 ${String(searches[label].p95).padStart(7)} ms`,
    );
  }

  return searches;
}

/** p50/p95/max of each gate metric over its own window. */
async function timeGates(prisma: PrismaClient) {
  const gates: Record<string, ReturnType<typeof percentiles>> = {};
  for (const metric of METRIC_NAMES) {
    const windowMinutes = gateDefinition(metric).windowMinutes;
    gates[metric] = await time(RUNS, () => computeMetric(prisma, "production", metric, windowMinutes));
    log(
      `  gate ${`${metric} (${windowMinutes} m)`.padEnd(48)} p50 ${String(gates[metric].p50).padStart(7)} ms   p95 ${String(gates[metric].p95).padStart(7)} ms`,
    );
  }

  return gates;
}

/** A 100,000-row CSV export: time, throughput, size and how much the process grew meanwhile. */
async function timeExport(q: Query) {
  const exportRows = 100_000;
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const exportStarted = performance.now();
  const reader = exportStream(q, auditExportQuery.parse({ format: "csv", max_rows: String(exportRows) }), {
    payload: true,
  }).getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const exportMs = performance.now() - exportStarted;
  const exportFig = {
    rows: exportRows,
    ms: Math.round(exportMs),
    rows_per_s: Math.round(exportRows / (exportMs / 1000)),
    mb: +(bytes / 1e6).toFixed(1),
    rss_growth_mb: +((peakRss - rssBefore) / 1e6).toFixed(1),
  };
  log(
    `  export CSV ${exportRows.toLocaleString("en")} rows: ${exportFig.ms} ms (${exportFig.rows_per_s.toLocaleString("en")} rows/s, ${exportFig.mb} MB, RSS growth ${exportFig.rss_growth_mb} MB)`,
  );

  return exportFig;
}

/** A request hash the generator wrote (md5(i) || md5(i+1)), computed the same way. */
function md5ish(i: number): string {
  const n = 1 + ((i * 104_729) % (ROWS - 1));
  return md5(String(n)) + md5(String(n + 1));
}

function md5(s: string) {
  return createHash("md5").update(s).digest("hex");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
