import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import pkg from "@/package.json";
import {
  CHECKS,
  clockTime,
  fixUrl,
  PROBE_CHECKS,
  statusSpans,
  type CheckId,
  type CheckResult,
  type CheckStatus,
} from "@/lib/readiness/checklist";
import { goNoGo, type GoNoGo, type GoNoGoVerdict } from "@/lib/readiness/verdict";
import { evaluateEnvironmentGates, gateReportJson, type GateReport } from "../metrics/evaluate-gates";
import { getCurrentPolicy } from "../policies/current-policy";
import { checkResult } from "./context";
import { checkContext, evaluateChecks, type ContextOptions } from "./evaluate";
import { nextRunAllowedAt, RUN_MIN_INTERVAL_SEC, SCHEDULE_EVERY_MS } from "./run";

/** A probe result older than this is no longer evidence (the schedule runs every 15 min). */
export const PROBE_STALE_MS = 60 * 60_000;

/** Evaluated whenever they are read: everything but the probes that reach upstream servers. */
const LIVE = CHECKS.filter((c) => !c.probe).map((c) => c.id);

export interface ReadinessCheckView extends CheckResult {
  title: string;
  area: string;
  practice: string;
  owner: string;
  probe: boolean;
  /** When the current status began, as far as the stored history tells (null: no history yet). */
  since: string | null;
  history: { at: string; status: CheckStatus }[];
  /** A stored probe past its freshness window, or older than a change to what it probed: reported as NO_DATA. */
  stale: boolean;
}

export interface ReadinessReport {
  environment: Environment;
  evaluated_at: string;
  window_minutes: number;
  /** The one go/no-go verdict of gates and checklist (lib/readiness/verdict.ts). */
  verdict: GoNoGoVerdict;
  verdict_since: string | null;
  headline: string;
  /** Kept for older readers: the same items as `blockers` / `missing`. */
  blocking: GoNoGo["blockers"];
  unverified: GoNoGo["missing"];
  blockers: GoNoGo["blockers"];
  missing: GoNoGo["missing"];
  at_risk: GoNoGo["at_risk"];
  counts: GoNoGo["counts"];
  checks: ReadinessCheckView[];
  gates: ReturnType<typeof gateReportJson>["gates"];
  gates_verdict: string;
  policy: { version: number; hash: string } | null;
  console_version: string;
  last_run: { run_id: string; at: string; trigger: string; by: string } | null;
  next_run_allowed_at: string | null;
  schedule: { every_minutes: number; min_interval_seconds: number };
}

type ProbeResult = CheckResult & { stale: boolean };

/**
 * The latest stored result of each probe. A missing one is NO_DATA; a stale one — past
 * PROBE_STALE_MS, or older than the last change to the environment's servers — is NO_DATA
 * with what it said, in words, never an old PASS or FAIL.
 */
async function probeResults(
  prisma: PrismaClient,
  environment: Environment,
  now: Date,
  ctx: ReturnType<typeof checkContext>,
): Promise<ProbeResult[]> {
  const out: ProbeResult[] = [];
  const changed = await prisma.server.findFirst({
    where: { environment },
    orderBy: { updatedAt: "desc" },
    select: { updatedAt: true },
  });
  for (const id of PROBE_CHECKS) {
    const row = await prisma.readinessCheckResult.findFirst({
      where: { environment, check: id },
      orderBy: { checkedAt: "desc" },
    });
    if (!row) {
      out.push({
        ...checkResult(
          ctx,
          id,
          "NO_DATA",
          `Not probed yet in ${environment}: the probes run every ${SCHEDULE_EVERY_MS / 60_000} min and on demand (“Run checks now”).`,
        ),
        stale: false,
      });
      continue;
    }
    const stored: CheckResult = {
      id,
      status: row.status as CheckStatus,
      evidence: row.evidence,
      details: row.details as Record<string, unknown>[],
      checked_at: row.checkedAt.toISOString(),
      fix_url: fixUrl(id, environment),
    };
    const when = `at ${clockTime(row.checkedAt)} on ${row.checkedAt.toISOString().slice(0, 10)}`;
    const said = `(it said ${row.status}: ${row.evidence})`;
    if (now.getTime() - row.checkedAt.getTime() > PROBE_STALE_MS) {
      out.push({
        ...stored,
        status: "NO_DATA",
        stale: true,
        evidence: `Stale: the last probe, ${when}, is over ${PROBE_STALE_MS / 60_000} min old ${said}. Run checks now for fresh evidence.`,
      });
    } else if (changed && changed.updatedAt > row.checkedAt) {
      out.push({
        ...stored,
        status: "NO_DATA",
        stale: true,
        evidence: `Stale: the servers of ${environment} changed at ${clockTime(changed.updatedAt)}, after the last probe ${when} ${said}. Run checks now for fresh evidence.`,
      });
    } else out.push({ ...stored, stale: false });
  }
  return out;
}

/** Each check's recent statuses (newest 48 runs), oldest first. */
export async function checkHistory(
  prisma: PrismaClient,
  environment: Environment,
  perCheck = 48,
): Promise<Map<string, { at: string; status: CheckStatus }[]>> {
  const rows = await prisma.$queryRawUnsafe<{ check: string; status: string; checkedAt: Date }[]>(
    `SELECT "check", status, "checkedAt" FROM (
       SELECT "check", status, "checkedAt", row_number() OVER (PARTITION BY "check" ORDER BY "checkedAt" DESC) AS n
       FROM readiness_check_results WHERE environment = $1::"Environment") h
     WHERE n <= $2 ORDER BY "checkedAt" ASC`,
    environment,
    perCheck,
  );
  const byCheck = new Map<string, { at: string; status: CheckStatus }[]>();
  for (const r of rows)
    byCheck.set(r.check, [
      ...(byCheck.get(r.check) ?? []),
      { at: new Date(r.checkedAt).toISOString(), status: r.status as CheckStatus },
    ]);
  return byCheck;
}

/** What the verdict is judged on, now: the checks (live and stored probes, with their history) and the six gates. */
export interface ReadinessEvidence {
  environment: Environment;
  now: Date;
  windowMinutes: number;
  checks: ReadinessCheckView[];
  gates: GateReport;
}

/**
 * Evaluates one environment's evidence. Gate state changes are recorded (history, webhook)
 * only with `recordGates`; nothing else is written.
 */
export async function readinessEvidence(
  prisma: PrismaClient,
  environment: Environment,
  opts: ContextOptions & { recordGates?: boolean } = {},
): Promise<ReadinessEvidence> {
  const ctx = checkContext(prisma, environment, { chainVerification: "incremental", ...opts });
  const now = ctx.now;
  const [live, probes, gates, history] = await Promise.all([
    evaluateChecks(ctx, LIVE),
    probeResults(prisma, environment, now, ctx),
    evaluateEnvironmentGates(prisma, environment, now.getTime(), { record: opts.recordGates ?? false }),
    checkHistory(prisma, environment),
  ]);
  const byId = new Map<CheckId, CheckResult & { stale?: boolean }>([...live, ...probes].map((r) => [r.id, r]));
  const checks: ReadinessCheckView[] = CHECKS.map((def) => {
    const r = byId.get(def.id)!;
    const points = history.get(def.id) ?? [];
    const spans = statusSpans(points);
    const current = spans[spans.length - 1];
    return {
      ...r,
      title: def.validation,
      area: def.area,
      practice: def.practice,
      owner: def.owner,
      probe: def.probe,
      since: current && current.status === r.status ? current.from : null,
      history: points,
      stale: r.stale ?? false,
    };
  });
  return { environment, now, windowMinutes: ctx.windowMinutes, checks, gates };
}

/** The one verdict over some evidence (every surface goes through here). */
export function verdictOf(e: ReadinessEvidence): GoNoGo {
  return goNoGo({
    environment: e.environment,
    gates: gateReportJson(e.gates).gates,
    checks: e.checks,
    evaluatedAt: e.now.toISOString(),
  });
}

/**
 * The checklist of one environment now: the live checks evaluated, the probes' latest stored
 * results, the six gates, the one verdict and its reasons, stamped with the policy hash and the
 * console's version. Read-only: nothing is stored or audited.
 */
export async function readinessReport(
  prisma: PrismaClient,
  environment: Environment,
  opts: ContextOptions = {},
): Promise<ReadinessReport> {
  const [evidence, policy, lastRow, nextAllowed] = await Promise.all([
    readinessEvidence(prisma, environment, opts),
    getCurrentPolicy(prisma, environment),
    prisma.readinessCheckResult.findFirst({
      where: { environment },
      orderBy: { checkedAt: "desc" },
      select: { runId: true, checkedAt: true, trigger: true, runBy: true },
    }),
    nextRunAllowedAt(prisma, environment),
  ]);
  const gateJson = gateReportJson(evidence.gates);
  const v = verdictOf(evidence);
  return {
    environment,
    evaluated_at: v.evaluated_at,
    window_minutes: evidence.windowMinutes,
    verdict: v.verdict,
    verdict_since: v.since,
    headline: v.headline,
    blocking: v.blockers,
    unverified: v.missing,
    blockers: v.blockers,
    missing: v.missing,
    at_risk: v.at_risk,
    counts: v.counts,
    checks: evidence.checks,
    gates: gateJson.gates,
    gates_verdict: gateJson.verdict,
    policy: policy ? { version: policy.version, hash: policy.hash } : null,
    console_version: pkg.version,
    last_run: lastRow
      ? { run_id: lastRow.runId, at: lastRow.checkedAt.toISOString(), trigger: lastRow.trigger, by: lastRow.runBy }
      : null,
    next_run_allowed_at: nextAllowed,
    schedule: { every_minutes: SCHEDULE_EVERY_MS / 60_000, min_interval_seconds: RUN_MIN_INTERVAL_SEC },
  };
}
