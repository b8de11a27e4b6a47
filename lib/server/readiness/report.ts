import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import pkg from "@/package.json";
import {
  CHECKS,
  clockTime,
  combineVerdict,
  fixUrl,
  PROBE_CHECKS,
  statusSpans,
  type CheckId,
  type CheckResult,
  type CheckStatus,
  type GateState,
  type ReadinessVerdict,
} from "@/lib/readiness/checklist";
import { evaluateEnvironmentGates, gateReportJson } from "../metrics/evaluate-gates";
import { getCurrentPolicy } from "../policies/current-policy";
import { checkResult } from "./context";
import { checkContext, evaluateChecks, type ContextOptions } from "./evaluate";
import { nextRunAllowedAt, RUN_MIN_INTERVAL_SEC, SCHEDULE_EVERY_MS } from "./run";

/** A probe result older than this is no longer evidence (the schedule runs every 15 min). */
export const PROBE_STALE_MS = 60 * 60_000;

const PASSIVE = CHECKS.filter((c) => !c.probe).map((c) => c.id);

export interface ReadinessCheckView extends CheckResult {
  title: string;
  area: string;
  practice: string;
  owner: string;
  probe: boolean;
  /** When the current status began, as far as the stored history tells (null: no history yet). */
  since: string | null;
  history: { at: string; status: CheckStatus }[];
}

export interface ReadinessReport {
  environment: Environment;
  evaluated_at: string;
  window_minutes: number;
  verdict: ReadinessVerdict["verdict"];
  blocking: ReadinessVerdict["blocking"];
  unverified: ReadinessVerdict["unverified"];
  at_risk: ReadinessVerdict["at_risk"];
  counts: ReadinessVerdict["counts"];
  checks: ReadinessCheckView[];
  gates: ReturnType<typeof gateReportJson>["gates"];
  gates_verdict: string;
  policy: { version: number; hash: string } | null;
  console_version: string;
  last_run: { run_id: string; at: string; trigger: string; by: string } | null;
  next_run_allowed_at: string | null;
  schedule: { every_minutes: number; min_interval_seconds: number };
}

/** The latest stored result of each active probe; stale or missing ones are NO_DATA, never an old PASS. */
async function probeResults(
  prisma: PrismaClient,
  environment: Environment,
  now: Date,
  ctx: ReturnType<typeof checkContext>,
): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const id of PROBE_CHECKS) {
    const row = await prisma.readinessCheckResult.findFirst({
      where: { environment, check: id },
      orderBy: { checkedAt: "desc" },
    });
    if (!row) {
      out.push(
        checkResult(
          ctx,
          id,
          "NO_DATA",
          `Not probed yet in ${environment}: the probes run every ${SCHEDULE_EVERY_MS / 60_000} min and on demand (“Run checks now”).`,
        ),
      );
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
    if (now.getTime() - row.checkedAt.getTime() > PROBE_STALE_MS) {
      out.push({
        ...stored,
        status: "NO_DATA",
        evidence: `The last probe, at ${clockTime(row.checkedAt)} on ${row.checkedAt.toISOString().slice(0, 10)}, is over ${PROBE_STALE_MS / 60_000} min old (it said ${row.status}: ${row.evidence})`,
      });
    } else out.push(stored);
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

/**
 * The checklist of one environment now: the live checks evaluated, the probes' latest stored
 * results, the six gates, the combined verdict and what blocks it, stamped with the policy hash
 * and the console's version. Read-only: nothing is stored or audited.
 */
export async function readinessReport(
  prisma: PrismaClient,
  environment: Environment,
  opts: ContextOptions = {},
): Promise<ReadinessReport> {
  const ctx = checkContext(prisma, environment, { chainVerification: "incremental", ...opts });
  const now = ctx.now;
  const [live, probes, gates, policy, history, lastRow, nextAllowed] = await Promise.all([
    evaluateChecks(ctx, PASSIVE),
    probeResults(prisma, environment, now, ctx),
    evaluateEnvironmentGates(prisma, environment, now.getTime(), { record: false }),
    getCurrentPolicy(prisma, environment),
    checkHistory(prisma, environment),
    prisma.readinessCheckResult.findFirst({
      where: { environment },
      orderBy: { checkedAt: "desc" },
      select: { runId: true, checkedAt: true, trigger: true, runBy: true },
    }),
    nextRunAllowedAt(prisma, environment),
  ]);
  const byId = new Map<CheckId, CheckResult>([...live, ...probes].map((r) => [r.id, r]));
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
    };
  });
  const gateJson = gateReportJson(gates);
  const verdict = combineVerdict(
    checks,
    gateJson.gates.map((g) => ({ metric: g.metric, title: g.title, state: g.state as GateState })),
  );
  return {
    environment,
    evaluated_at: now.toISOString(),
    window_minutes: ctx.windowMinutes,
    verdict: verdict.verdict,
    blocking: verdict.blocking,
    unverified: verdict.unverified,
    at_risk: verdict.at_risk,
    counts: verdict.counts,
    checks,
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
