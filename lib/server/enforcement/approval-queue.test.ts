import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelsWorld } from "@/lib/testing/channels-world";
import { testDbKinds } from "@/lib/testing/test-db";
import { countApprovals, listApprovals } from "./approval-queue";
import { voteOnApproval } from "./decide-approval";

const kinds = await testDbKinds();

describe.each(kinds)("the decided list of the approval queue on %s", (kind) => {
  let w: Awaited<ReturnType<typeof channelsWorld>>;
  const ids: Record<"waiting" | "lapsed" | "denied" | "approved", string> = {
    waiting: "",
    lapsed: "",
    denied: "",
    approved: "",
  };
  beforeAll(async () => {
    w = await channelsWorld(kind);
    // Oldest first, so the decided list (newest first) reads approved, denied, lapsed.
    ids.lapsed = await w.hold();
    ids.denied = await w.hold();
    ids.approved = await w.hold();
    ids.waiting = await w.hold();
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    for (const [id, m] of [
      [ids.lapsed, 4],
      [ids.denied, 3],
      [ids.approved, 2],
    ] as const)
      await w.db.prisma.approval.update({ where: { id }, data: { createdAt: minutesAgo(m) } });
    // A request nobody answered in time stays PENDING in the table; it must still leave the queue.
    await w.db.prisma.approval.update({ where: { id: ids.lapsed }, data: { expiresAt: minutesAgo(1) } });
    await voteOnApproval(w.db.prisma, ids.denied, w.people.sre1.principal, { approve: false, reason: "no" });
    await voteOnApproval(w.db.prisma, ids.approved, w.people.sre1.principal, { approve: true });
  });
  afterAll(async () => w?.dispose());

  const reader = () => w.people.viewer.principal;

  it("lists expired requests as decided, with the word EXPIRED, and keeps them out of the queue", async () => {
    const decided = await listApprovals(w.db.prisma, reader(), { status: "DECIDED", limit: 100 });
    expect(decided.map((a) => a.id)).toEqual([ids.approved, ids.denied, ids.lapsed]);
    expect(decided.map((a) => a.status)).toEqual(["APPROVED", "DENIED", "EXPIRED"]);
    const waiting = await listApprovals(w.db.prisma, reader(), { status: "PENDING", limit: 100 });
    expect(waiting.map((a) => a.id)).toEqual([ids.waiting]);
    expect(await countApprovals(w.db.prisma, { status: "PENDING", limit: 100 })).toBe(1);
  });

  it("pages the decided list by offset and counts every match whatever the page", async () => {
    const page = (offset: number) =>
      listApprovals(w.db.prisma, reader(), { status: "DECIDED", limit: 2, offset }).then((r) => r.map((a) => a.id));
    expect(await page(0)).toEqual([ids.approved, ids.denied]);
    expect(await page(2)).toEqual([ids.lapsed]);
    expect(await page(4)).toEqual([]);
    expect(await countApprovals(w.db.prisma, { status: "DECIDED", limit: 2, offset: 2 })).toBe(3);
    expect(await countApprovals(w.db.prisma, { status: "DECIDED", limit: 2, server: "jira" })).toBe(0);
  });
});
