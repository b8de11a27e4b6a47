import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "../audit";

/** Outbound work per approval: `slack` keeps its Slack message in step, `email` sends approvers their links. */
export type ChannelJobKind = "slack" | "email";

export const CHANNEL_JOB_MAX_ATTEMPTS = 6;
const BATCH = 20;

/**
 * Arms the approval's job of this kind, in the caller's transaction. One row per approval and
 * kind: a job being sent keeps its claim and only counts the change (version), so two workers
 * never send for one approval at once, and a change made while sending is sent again after.
 */
export async function armChannelJob(tx: Tx, approvalId: string, kind: ChannelJobKind): Promise<void> {
  await tx.$executeRawUnsafe(
    `INSERT INTO channel_jobs ("approvalId", kind) VALUES ($1::uuid, $2)
     ON CONFLICT ("approvalId", kind) DO UPDATE SET version = channel_jobs.version + 1,
       status = CASE WHEN channel_jobs.status = 'sending' THEN 'sending' ELSE 'pending' END,
       attempts = CASE WHEN channel_jobs.status = 'sending' THEN channel_jobs.attempts ELSE 0 END,
       "nextAttemptAt" = CASE WHEN channel_jobs.status = 'sending' THEN channel_jobs."nextAttemptAt" ELSE now() END,
       "updatedAt" = now()`,
    approvalId,
    kind,
  );
}

/** Re-arms the kind's job of these approvals only where one exists (the channel was in use when they were made). */
export async function rearmChannelJobs(tx: Tx, approvalIds: string[], kind: ChannelJobKind): Promise<void> {
  if (!approvalIds.length) return;
  await tx.$executeRawUnsafe(
    `UPDATE channel_jobs SET version = version + 1,
       status = CASE WHEN status = 'sending' THEN 'sending' ELSE 'pending' END,
       attempts = CASE WHEN status = 'sending' THEN attempts ELSE 0 END,
       "nextAttemptAt" = CASE WHEN status = 'sending' THEN "nextAttemptAt" ELSE now() END,
       "updatedAt" = now()
     WHERE "approvalId" = ANY($1::uuid[]) AND kind = $2`,
    approvalIds,
    kind,
  );
}

export type ChannelJobRunner = (prisma: PrismaClient, approvalId: string) => Promise<void>;

/**
 * Runs what is due of one kind: claims rows (SKIP LOCKED; a claim left by a dead worker is
 * taken again after 5 minutes), runs each, then marks it done — or pending again when it
 * changed meanwhile — or schedules a retry with backoff, failing it after the last attempt.
 */
export async function runChannelJobs(
  prisma: PrismaClient,
  kind: ChannelJobKind,
  run: ChannelJobRunner,
  now = new Date(),
): Promise<{ done: number; failed: number }> {
  const claimed = await prisma.$queryRawUnsafe<{ approvalId: string; version: number; attempts: number }[]>(
    `UPDATE channel_jobs SET status = 'sending', attempts = attempts + 1,
       "nextAttemptAt" = $1::timestamptz + interval '5 minutes', "updatedAt" = now()
     WHERE ("approvalId", kind) IN (SELECT "approvalId", kind FROM channel_jobs
       WHERE kind = $2 AND status IN ('pending', 'sending') AND "nextAttemptAt" <= $1
       ORDER BY "nextAttemptAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
     RETURNING "approvalId", version, attempts`,
    now,
    kind,
  );
  let done = 0;
  let failed = 0;
  for (const job of claimed) {
    try {
      await run(prisma, job.approvalId);
      await prisma.$executeRawUnsafe(
        `UPDATE channel_jobs SET status = CASE WHEN version = $3 THEN 'done' ELSE 'pending' END,
           attempts = 0, "lastError" = NULL, "nextAttemptAt" = now(), "updatedAt" = now()
         WHERE "approvalId" = $1::uuid AND kind = $2`,
        job.approvalId,
        kind,
        job.version,
      );
      done += 1;
    } catch (err) {
      const last = job.attempts >= CHANNEL_JOB_MAX_ATTEMPTS;
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      await prisma.$executeRawUnsafe(
        `UPDATE channel_jobs SET status = CASE WHEN $3 AND version = $4 THEN 'failed' ELSE 'pending' END,
           "lastError" = $5, "nextAttemptAt" = $6, "updatedAt" = now()
         WHERE "approvalId" = $1::uuid AND kind = $2`,
        job.approvalId,
        kind,
        last,
        job.version,
        message,
        new Date(Date.now() + 10_000 * 3 ** Math.max(0, job.attempts - 1)),
      );
      if (last) failed += 1;
    }
  }
  return { done, failed };
}
