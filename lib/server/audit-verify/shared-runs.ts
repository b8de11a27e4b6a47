import "server-only";
import { processSingleton } from "../singleton";
import { randomUUID } from "node:crypto";
import type { ChainName } from "@/lib/audit/chain";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { runVerification, type ChainsReport, type VerifyMode } from "./verify-chains";

interface Run {
  id: string;
  mode: VerifyMode;
  startedAt: Date;
  finishedAt: Date | null;
  progress: Record<ChainName, { checked: number; total: number | null }>;
  promise: Promise<ChainsReport>;
  report: ChainsReport | null;
  failed: boolean;
}

interface Runs {
  running: Partial<Record<VerifyMode, Run>>;
  last: Partial<Record<VerifyMode, Run>>;
  /** Runs started by this process (tests count them). */
  started: number;
}

/** What GET /api/v1/audit/verify/progress shows of a run. */
export interface RunView {
  run_id: string;
  mode: VerifyMode;
  state: "running" | "done" | "failed";
  started_at: string;
  finished_at: string | null;
  /** Records recomputed so far, and how many the run has to recompute (null until counted). */
  checked: number;
  total: number | null;
  chains: Record<ChainName, { checked: number; total: number | null }>;
  report: ChainsReport | null;
}

// Per database client, like the other process-wide state: verification is a per-process job.
const registry = processSingleton("auditVerifyRuns", () => new WeakMap<object, Runs>());

function runsOf(prisma: PrismaClient): Runs {
  let runs = registry.get(prisma);
  if (!runs) registry.set(prisma, (runs = { running: {}, last: {}, started: 0 }));
  return runs;
}

/**
 * The run answering `mode`: the one already running if there is one (a running full run answers
 * an incremental request too), else a new one. Concurrent callers share its promise.
 */
export function startVerification(prisma: PrismaClient, mode: VerifyMode, opts: { worker?: boolean } = {}): Run {
  const runs = runsOf(prisma);
  const joined = runs.running.full ?? runs.running[mode];
  if (joined) return joined;
  const run: Run = {
    id: randomUUID(),
    mode,
    startedAt: new Date(),
    finishedAt: null,
    progress: { audit_events: { checked: 0, total: null }, decisions: { checked: 0, total: null } },
    promise: undefined as never,
    report: null,
    failed: false,
  };
  runs.started += 1;
  runs.running[mode] = run;
  run.promise = runVerification(prisma, mode, run.id, run.progress, opts.worker ?? true);
  run.promise.then(
    (report) => {
      run.report = report;
    },
    () => {
      run.failed = true;
    },
  );
  run.promise
    .finally(() => {
      run.finishedAt = new Date();
      if (runs.running[mode] === run) delete runs.running[mode];
      runs.last[mode] = run;
    })
    .catch(() => {});
  return run;
}

/** Verifies both chains (incremental unless `full`), sharing a run already under way. */
export function verifyChains(prisma: PrismaClient, opts: { full?: boolean; worker?: boolean } = {}) {
  return startVerification(prisma, opts.full ? "full" : "incremental", opts).promise;
}

export function viewOf(run: Run): RunView {
  const chains = { audit_events: { ...run.progress.audit_events }, decisions: { ...run.progress.decisions } };
  const totals = [chains.audit_events.total, chains.decisions.total];
  return {
    run_id: run.id,
    mode: run.mode,
    state: run.failed ? "failed" : run.report ? "done" : "running",
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
    checked: chains.audit_events.checked + chains.decisions.checked,
    total: totals.includes(null) ? null : (totals as number[]).reduce((a, b) => a + b, 0),
    chains,
    report: run.report,
  };
}

/** Runs under way and the last finished one of each mode, newest first. */
export function verificationRuns(prisma: PrismaClient): { runs_started: number; runs: RunView[] } {
  const runs = runsOf(prisma);
  const all = [runs.running.full, runs.running.incremental, runs.last.full, runs.last.incremental];
  const seen = new Set<Run>();
  const listed = all.filter((r): r is Run => !!r && !seen.has(r) && !!seen.add(r));
  listed.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  return { runs_started: runs.started, runs: listed.map(viewOf) };
}
