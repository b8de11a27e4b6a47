import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface BackgroundJob {
  name: string;
  everyMs: number;
  run: (prisma: PrismaClient) => Promise<unknown>;
}

/**
 * Work that must happen whether or not anyone opens a page. Every console process runs
 * these; each job is safe to run concurrently (conditional updates, SKIP LOCKED).
 */
export const BACKGROUND_JOBS: BackgroundJob[] = [
  {
    name: "approval expiry",
    everyMs: 10_000,
    run: async (p) => (await import("./enforcement/approvals")).expireApprovals(p),
  },
  {
    name: "approval escalation",
    everyMs: 15_000,
    run: async (p) => (await import("./enforcement/escalate")).escalateWaiting(p),
  },
  {
    name: "notification delivery",
    everyMs: 2_000,
    run: async (p) => (await import("./notifications/deliver")).deliverDue(p),
  },
  {
    name: "approver e-mails",
    everyMs: 3_000,
    run: async (p) => (await import("./channels/email")).deliverApproverEmails(p),
  },
  {
    name: "slack approval messages",
    everyMs: 2_000,
    run: async (p) => (await import("./channels/slack")).syncSlackMessages(p),
  },
  {
    name: "output retention purge",
    everyMs: 15 * 60_000,
    run: async (p) => (await import("./output-safety/purge")).purgeExpiredOutputs(p),
  },
  {
    name: "readiness checklist",
    everyMs: 60_000,
    run: async (p) => (await import("./readiness/run")).runScheduledChecklists(p),
  },
  {
    // PostgreSQL only: the embedded database has one connection, so merging there would only move the wait.
    name: "audit search index upkeep",
    everyMs: 1_000,
    run: async () => {
      const db = await (await import("./db")).getDb();
      if (db.kind === "postgresql")
        await (await import("./audit-search/index-upkeep")).upkeepSearchIndexes(db.hot.query);
    },
  },
];

export function startJobs(prismaOf: () => Promise<PrismaClient>, jobs = BACKGROUND_JOBS): void {
  const g = globalThis as unknown as { __jobsStarted?: boolean };
  if (g.__jobsStarted) return;
  g.__jobsStarted = true;
  for (const job of jobs) {
    let running = false;
    setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await job.run(await prismaOf());
      } catch (err) {
        console.error(`${job.name} failed:`, err instanceof Error ? err.message : err);
      } finally {
        running = false;
      }
    }, job.everyMs).unref();
  }
}
