import "server-only";
import { processSingleton } from "../singleton";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { bucketOf } from "@/lib/metrics/histogram";
import { minuteFloor } from "@/lib/metrics/windows";
import type { Query } from "../db";
import type { RequestHead } from "../handler";
import { log } from "../log";

// Per-minute rollups, written in the same transaction as the rows they count, so they are
// exactly as durable as the decisions and results themselves (and shared by every process).

// Decision rows are counted by write_decision_batch (migration 0013) in the statement that inserts them.

export interface ResultFacts {
  decisionId: string;
  environment: string;
  clientId: string;
  server: string;
  tool: string;
  action: string | null;
  risk: string | null;
  status: string;
  durationMs: number;
  safetyAction: string;
  findings: unknown;
  unapproved: boolean;
  highRiskWrite: boolean;
}

const RESULT_SQL = `WITH ins AS (
    INSERT INTO tool_results ("decisionId", environment, "clientId", server, tool, action, risk, status, "durationMs", "safetyAction", findings, unapproved, "highRiskWrite")
    VALUES ($1::uuid, $2::"Environment", $3, $4, $5, $6, $7, $8, $9::int, $10, $11::jsonb, $12::boolean, $13::boolean)
    ON CONFLICT ("decisionId") DO NOTHING RETURNING 1
  ), results AS (
    INSERT INTO metric_result_rollups (minute, environment, server, action, count, errors, timeouts, redacted, quarantined, unapproved, "unapprovedHighRisk", "durationSumMs")
    SELECT date_trunc('minute', now()), $2::"Environment", $4, coalesce($6, ''), 1, $14::int, $15::int, $16::int, $17::int, $18::int, $19::int, $9::int
    WHERE EXISTS (SELECT 1 FROM ins)
    ON CONFLICT (environment, minute, server, action) DO UPDATE SET
      count = metric_result_rollups.count + 1,
      errors = metric_result_rollups.errors + EXCLUDED.errors,
      timeouts = metric_result_rollups.timeouts + EXCLUDED.timeouts,
      redacted = metric_result_rollups.redacted + EXCLUDED.redacted,
      quarantined = metric_result_rollups.quarantined + EXCLUDED.quarantined,
      unapproved = metric_result_rollups.unapproved + EXCLUDED.unapproved,
      "unapprovedHighRisk" = metric_result_rollups."unapprovedHighRisk" + EXCLUDED."unapprovedHighRisk",
      "durationSumMs" = metric_result_rollups."durationSumMs" + EXCLUDED."durationSumMs"
  ), latency AS (
    INSERT INTO metric_latency_rollups (minute, environment, server, action, bucket, count)
    SELECT date_trunc('minute', now()), $2::"Environment", $4, coalesce($6, ''), $20::int, 1
    WHERE EXISTS (SELECT 1 FROM ins)
    ON CONFLICT (environment, minute, server, action, bucket) DO UPDATE SET count = metric_latency_rollups.count + 1
  ), verdicts AS (
    INSERT INTO output_verdict_rollups (minute, environment, server, tool, source, allowed, redacted, quarantined)
    SELECT date_trunc('minute', now()), $2::"Environment", $4, $5, 'result', $21::int, $16::int, $17::int
    WHERE EXISTS (SELECT 1 FROM ins)
    ON CONFLICT (environment, minute, server, tool, source) DO UPDATE SET
      allowed = output_verdict_rollups.allowed + EXCLUDED.allowed,
      redacted = output_verdict_rollups.redacted + EXCLUDED.redacted,
      quarantined = output_verdict_rollups.quarantined + EXCLUDED.quarantined
  )
  SELECT count(*)::int AS n FROM ins`;

/**
 * One statement: the tool_results row and its three per-minute counts (results, latency
 * histogram, output verdicts) on the database's clock — all of them, or none when a result for
 * this decision already exists (false). Atomic on its own; used alone on the fast path and
 * inside report-result's transaction when more is written.
 */
export async function insertResultWithRollups(q: Query, r: ResultFacts): Promise<boolean> {
  const one = (b: boolean) => (b ? 1 : 0);
  const duration = Math.max(0, Math.round(r.durationMs));
  const rows = await q(RESULT_SQL, [
    r.decisionId,
    r.environment,
    r.clientId,
    r.server,
    r.tool,
    r.action,
    r.risk,
    r.status,
    duration,
    r.safetyAction,
    JSON.stringify(r.findings ?? []),
    r.unapproved,
    r.highRiskWrite,
    one(r.status === "error"),
    one(r.status === "timeout"),
    one(r.safetyAction === "REDACT"),
    one(r.safetyAction === "QUARANTINE"),
    one(r.unapproved),
    one(r.unapproved && r.highRiskWrite),
    bucketOf(r.durationMs),
    one(r.safetyAction === "ALLOW"),
  ]);
  return Number(rows[0]?.n) === 1;
}

// ---------------------------------------------------------------- auth failures

const ENVIRONMENTS = new Set(["development", "staging", "production"]);
const FLUSH_MS = 3_000;
const MAX_PENDING_KEYS = 10_000;

interface AuthCounter {
  pending: Map<string, number>;
  prisma: PrismaClient | null;
  timer: NodeJS.Timeout | null;
}

const counter = processSingleton<AuthCounter>("authFailures", () => ({
  pending: new Map(),
  prisma: null,
  timer: null,
}));

/** The env claim of a bearer JWT, read without verifying it (only to label a failure); else "unknown". */
export function claimedEnvironment(req: RequestHead): string {
  const m = /^Bearer +([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]*$/i.exec(
    req.headers.get("authorization")?.trim() ?? "",
  );
  if (!m) return "unknown";
  try {
    const claims = JSON.parse(Buffer.from(m[2], "base64url").toString("utf8")) as { env?: unknown };
    return typeof claims.env === "string" && ENVIRONMENTS.has(claims.env) ? claims.env : "unknown";
  } catch {
    return "unknown";
  }
}

/**
 * Counts a 401/403 of the agent-facing API and returns the response unchanged. Only an
 * in-memory increment happens here; a timer writes the counts every few seconds, so a
 * decision never waits on it.
 */
export function countAuthFailure<R extends { status: number }>(
  response: R,
  req: RequestHead | null,
  prisma: PrismaClient,
  environment?: string,
): R {
  if (response.status !== 401 && response.status !== 403) return response;
  const env = environment && ENVIRONMENTS.has(environment) ? environment : req ? claimedEnvironment(req) : "unknown";
  const key = `${env}\u0000${minuteFloor(Date.now())}\u0000${response.status}`;
  if (counter.pending.size < MAX_PENDING_KEYS || counter.pending.has(key))
    counter.pending.set(key, (counter.pending.get(key) ?? 0) + 1);
  counter.prisma = prisma;
  if (!counter.timer) {
    counter.timer = setInterval(
      () => void flushAuthFailures().catch((err) => log.error({ err }, "auth failure counts not written yet")),
      FLUSH_MS,
    );
    counter.timer.unref();
  }
  return response;
}

/** Writes the pending counts; on failure they are kept for the next attempt. */
export async function flushAuthFailures(prisma: PrismaClient | null = counter.prisma): Promise<number> {
  if (!prisma || counter.pending.size === 0) return 0;
  const batch = [...counter.pending.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  counter.pending.clear();
  const params: unknown[] = [];
  const values = batch.map(([key, count]) => {
    const [env, minute, status] = key.split("\u0000");
    params.push(new Date(Number(minute)), env, Number(status), count);
    const n = params.length;
    return `($${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  try {
    await prisma.$executeRawUnsafe(
      `INSERT INTO metric_auth_failure_rollups (minute, environment, status, count) VALUES ${values.join(", ")}
       ON CONFLICT (environment, minute, status) DO UPDATE SET count = metric_auth_failure_rollups.count + EXCLUDED.count`,
      ...params,
    );
  } catch (err) {
    for (const [key, count] of batch) counter.pending.set(key, (counter.pending.get(key) ?? 0) + count);
    throw err;
  }
  return batch.reduce((s, [, c]) => s + c, 0);
}
