import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelsWorld } from "@/lib/testing/channels-world";
import { testDbKinds } from "@/lib/testing/test-db";
import { approvalInsights } from "../enforcement/approval-insights";
import { voteOnApproval } from "../enforcement/decide-approval";
import { armChannelJob, CHANNEL_JOB_MAX_ATTEMPTS, runChannelJobs } from "./jobs";

const kinds = await testDbKinds();

describe.each(kinds)("channel jobs and insights by channel on %s", (kind) => {
  let w: Awaited<ReturnType<typeof channelsWorld>>;
  beforeAll(async () => {
    w = await channelsWorld(kind);
  });
  afterAll(async () => w?.dispose());

  const job = (approvalId: string) =>
    w.db.prisma.channelJob.findUniqueOrThrow({ where: { approvalId_kind: { approvalId, kind: "slack" } } });

  it("runs a job once across parallel workers, and again when it changed while running", async () => {
    const id = await w.hold();
    await w.db.prisma.$transaction((tx) => armChannelJob(tx, id, "slack"));
    const runs: string[] = [];
    let rearmDuringFirstRun = true;
    const runner = async (_: unknown, approvalId: string) => {
      runs.push(approvalId);
      if (rearmDuringFirstRun) {
        rearmDuringFirstRun = false;
        await w.db.prisma.$transaction((tx) => armChannelJob(tx, approvalId, "slack"));
      }
    };
    const mine = () => runs.filter((r) => r === id).length;
    await Promise.all([1, 2, 3].map(() => runChannelJobs(w.db.prisma, "slack", runner)));
    expect(mine()).toBe(1);
    expect(await job(id)).toMatchObject({ status: "pending" });
    await Promise.all([1, 2, 3].map(() => runChannelJobs(w.db.prisma, "slack", runner)));
    expect(mine()).toBe(2);
    expect(await job(id)).toMatchObject({ status: "done", lastError: null });
    await runChannelJobs(w.db.prisma, "slack", runner);
    expect(mine()).toBe(2);
  });

  it("retries a failing job with backoff and fails it after the last attempt", async () => {
    const id = await w.hold();
    await w.db.prisma.$transaction((tx) => armChannelJob(tx, id, "slack"));
    const failing = async (_: unknown, approvalId: string) => {
      if (approvalId === id) throw new Error("Slack chat.postMessage failed: channel_not_found");
    };
    for (let i = 1; i <= CHANNEL_JOB_MAX_ATTEMPTS; i++) {
      await runChannelJobs(w.db.prisma, "slack", failing, new Date(Date.now() + 10 * 86_400_000));
      const row = await job(id);
      expect(row.attempts).toBe(i);
      expect(row.lastError).toContain("channel_not_found");
      expect(row.status).toBe(i < CHANNEL_JOB_MAX_ATTEMPTS ? "pending" : "failed");
      if (i === 1) expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now());
    }
  });

  it("splits time-to-decide by channel", async () => {
    const viaMcp = await w.hold();
    const viaConsole = await w.hold();
    await voteOnApproval(w.db.prisma, viaMcp, w.people.sre1.principal, { approve: true, channel: "mcp" });
    await voteOnApproval(w.db.prisma, viaConsole, w.people.sre2.principal, { approve: false, reason: "no" });
    const byChannel = (await approvalInsights(w.db.prisma, 1)).time_to_decide.by_channel;
    expect(byChannel.find((r) => r.key === "mcp")?.decided).toBeGreaterThanOrEqual(1);
    expect(byChannel.find((r) => r.key === "console")?.decided).toBeGreaterThanOrEqual(1);
    expect(byChannel.map((r) => r.key).every((k) => ["console", "slack", "email", "mcp"].includes(String(k)))).toBe(
      true,
    );
  });
});
