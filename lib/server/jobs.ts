import "server-only";
import { processSlot } from "./singleton";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "./log";

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
    // Each destination runs on its own; a run holds the destination's lease, not this tick (docs/siem-export.md#delivery).
    name: "SIEM export",
    everyMs: 2_000,
    run: async (p) => (await import("./siem/run")).runSiemExports(p),
  },
  {
    // Audit search's words of new decisions (migration 0016), a fraction of a second behind them:
    // small frequent steps rather than one a second, so the database's share of CPU they take
    // comes in short slices (a one-second step was a ~150 ms burst that decisions queued behind).
    name: "audit search projection",
    everyMs: 250,
    run: async () => {
      const db = await (await import("./db")).getDb();
      const { plainStep, projectBacklog } = await import("./audit-search/projection");
      await projectBacklog(plainStep(db.hot));
    },
  },
];

export function startJobs(prismaOf: () => Promise<PrismaClient>, jobs = BACKGROUND_JOBS): void {
  const started = processSlot<boolean>("jobsStarted");
  if (started.get()) return;
  started.set(true);
  for (const job of jobs) {
    let running = false;
    setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await job.run(await prismaOf());
      } catch (err) {
        log.error({ err, job: job.name }, "background job failed");
      } finally {
        running = false;
      }
    }, job.everyMs).unref();
  }
}
