import "server-only";
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { CHECK_IDS, type CheckResult } from "@/lib/readiness/checklist";
import { SYSTEM_ACTOR, writeAudit, type Actor } from "../audit";
import { TooManyRequests } from "../errors";
import { hitRateLimit, peekRateLimit } from "../rate-limit";
import { checkContext, evaluateChecks, type ContextOptions } from "./evaluate";

/** Probes reach out to upstream servers: at most one run per environment in this many seconds, on demand or scheduled. */
export const RUN_MIN_INTERVAL_SEC = 60;
/** How often the background job runs the whole checklist per environment (history and fresh probes). */
export const SCHEDULE_EVERY_MS = 15 * 60_000;
/** History kept. */
export const HISTORY_RETENTION_DAYS = 90;

const ENVIRONMENTS: Environment[] = ["production", "staging", "development"];
const bucketOf = (environment: Environment) => `readiness-run:${environment}`;

export interface ChecklistRun {
  run_id: string;
  environment: Environment;
  trigger: "schedule" | "manual";
  checked_at: string;
  results: CheckResult[];
}

/** When the next run of an environment is allowed (null = now). */
export async function nextRunAllowedAt(prisma: PrismaClient, environment: Environment): Promise<string | null> {
  const bucket = await peekRateLimit(prisma, bucketOf(environment), RUN_MIN_INTERVAL_SEC);
  return bucket.count > 0 ? new Date(Date.now() + bucket.resetInSec * 1000).toISOString() : null;
}

/**
 * Runs all thirteen checks of one environment — the active probes (remote-auth, ssrf-guard,
 * output-safety, env-separation) and the live reads — and stores every result as history with
 * one audit event, in one transaction. Refused with 429 when the environment ran within
 * RUN_MIN_INTERVAL_SEC (the count is shared by every console process).
 */
export async function runChecklist(
  prisma: PrismaClient,
  environment: Environment,
  opts: ContextOptions & { trigger: "schedule" | "manual"; actor: Actor },
): Promise<ChecklistRun> {
  const slot = await hitRateLimit(prisma, bucketOf(environment), RUN_MIN_INTERVAL_SEC);
  if (slot.count > 1) throw TooManyRequests(slot.resetInSec);
  const ctx = checkContext(prisma, environment, opts);
  const results = await evaluateChecks(ctx, CHECK_IDS);
  const runId = randomUUID();
  const checkedAt = new Date();
  await prisma.$transaction(async (tx) => {
    await tx.readinessCheckResult.createMany({
      data: results.map((r) => ({
        runId,
        environment,
        check: r.id,
        status: r.status,
        evidence: r.evidence,
        details: r.details as Prisma.InputJsonValue,
        checkedAt: new Date(r.checked_at),
        trigger: opts.trigger,
        runBy: opts.actor.label,
      })),
    });
    await writeAudit(tx, {
      actor: opts.actor,
      action: "readiness.run",
      environment,
      target: { type: "readiness_run", id: runId },
      data: {
        trigger: opts.trigger,
        window_minutes: ctx.windowMinutes,
        statuses: Object.fromEntries(results.map((r) => [r.id, r.status])),
        // What the probes touched, so the audit trail says which upstreams were called and what they answered.
        remote_auth: (results.find((r) => r.id === "remote-auth")?.details ?? []).map((d) => ({
          server: d.server,
          answer: d.answer,
          http_status: d.http_status ?? null,
        })),
      },
    });
  });
  return { run_id: runId, environment, trigger: opts.trigger, checked_at: checkedAt.toISOString(), results };
}

/**
 * The background job: every environment whose last run is older than SCHEDULE_EVERY_MS runs
 * again (one process wins the rate-limit slot); old history is trimmed.
 */
export async function runScheduledChecklists(prisma: PrismaClient, now = new Date()): Promise<number> {
  let ran = 0;
  for (const environment of ENVIRONMENTS) {
    const last = await prisma.readinessCheckResult.findFirst({
      where: { environment },
      orderBy: { checkedAt: "desc" },
      select: { checkedAt: true },
    });
    if (last && now.getTime() - last.checkedAt.getTime() < SCHEDULE_EVERY_MS) continue;
    try {
      await runChecklist(prisma, environment, { trigger: "schedule", actor: SYSTEM_ACTOR });
      ran += 1;
    } catch (err) {
      if ((err as { status?: number }).status !== 429) throw err;
    }
    await prisma.readinessCheckResult.deleteMany({
      where: { environment, checkedAt: { lt: new Date(now.getTime() - HISTORY_RETENTION_DAYS * 86_400_000) } },
    });
  }
  return ran;
}
