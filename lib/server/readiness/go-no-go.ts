import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { GoNoGo } from "@/lib/readiness/verdict";
import { gateReportJson } from "../metrics/evaluate-gates";
import type { ContextOptions } from "./evaluate";
import { readinessEvidence, verdictOf } from "./report";

/** GET /api/v1/go-no-go: the one verdict of an environment with its reasons (gate state changes are recorded, as /api/v1/gates does). */
export async function goNoGoReport(
  prisma: PrismaClient,
  environment: Environment,
  opts: ContextOptions = {},
): Promise<GoNoGo> {
  return verdictOf(await readinessEvidence(prisma, environment, { ...opts, recordGates: true }));
}

/**
 * GET /api/v1/gates: every gate as before, and the one verdict over gates and checklist in
 * `verdict` (it may now be NOT_READY); the gates alone are in `gates_verdict`.
 */
export async function gatesWithVerdict(prisma: PrismaClient, environment: Environment, opts: ContextOptions = {}) {
  const evidence = await readinessEvidence(prisma, environment, { ...opts, recordGates: true });
  const v = verdictOf(evidence);
  const gates = gateReportJson(evidence.gates);
  return {
    ...gates,
    verdict: v.verdict,
    verdict_since: v.since,
    headline: v.headline,
    gates_verdict: gates.verdict,
    blockers: v.blockers,
    missing: v.missing,
    counts: v.counts,
  };
}
