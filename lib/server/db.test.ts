import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, testDbKinds } from "@/lib/testing/test-db";

const kinds = await testDbKinds();

describe.runIf(kinds.includes("postgresql"))("hot statements on PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb("postgresql");
  });
  afterAll(async () => db?.dispose());

  it("flushes decisions and everything else before answering; only asyncCommit statements skip the wait", async () => {
    const setting = async (q: typeof db.hot.query) => (await q("SHOW synchronous_commit"))[0].synchronous_commit;
    // Several rounds: every connection of each pool, not just the first one handed out.
    const relaxed = await Promise.all(Array.from({ length: 8 }, () => setting(db.hot.asyncCommit)));
    const durable = await Promise.all(Array.from({ length: 8 }, () => setting(db.hot.query)));
    expect(new Set(relaxed)).toEqual(new Set(["off"]));
    expect(new Set(durable)).toEqual(new Set(["on"]));
    expect(await db.hot.transaction((q) => setting(q))).toBe("on");
    const viaPrisma = await db.prisma.$queryRawUnsafe<{ synchronous_commit: string }[]>("SHOW synchronous_commit");
    expect(viaPrisma[0].synchronous_commit).toBe("on");
  });

  it("still refuses what a durable statement would: a constraint violation throws", async () => {
    await db.hot.query("CREATE TABLE hot_test (k int PRIMARY KEY)");
    await db.hot.asyncCommit("INSERT INTO hot_test VALUES ($1)", [1]);
    await expect(db.hot.asyncCommit("INSERT INTO hot_test VALUES ($1)", [1])).rejects.toThrow(/duplicate key/);
    expect(await db.hot.query("SELECT count(*)::int AS n FROM hot_test")).toEqual([{ n: 1 }]);
  });
});
