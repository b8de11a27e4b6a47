import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { hitRateLimits, releaseRateLimits } from "./rate-limit";

const kinds = await testDbKinds();

describe.each(kinds)("rate-limit counters on %s", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => db?.dispose());

  it("gives parallel hits distinct counts on every key, whatever order the keys come in", async () => {
    const slots = await Promise.all(
      Array.from({ length: 40 }, (_, i) => hitRateLimits(db.prisma, i % 2 ? ["rl:a", "rl:b"] : ["rl:b", "rl:a"], 60)),
    );
    const countsOf = (key: string) =>
      slots
        .flat()
        .filter((s) => s.key === key)
        .map((s) => s.count);
    const all = Array.from({ length: 40 }, (_, i) => i + 1);
    expect(countsOf("rl:a").sort((x, y) => x - y)).toEqual(all);
    expect(countsOf("rl:b").sort((x, y) => x - y)).toEqual(all);
    // Slots come back in the caller's key order.
    expect(slots[0].map((s) => s.key)).toEqual(["rl:b", "rl:a"]);
  });

  it("takes a hit back only within the window it was counted in", async () => {
    const [old] = await hitRateLimits(db.prisma, ["rl:c"], 60);
    await db.prisma.$executeRawUnsafe(
      `UPDATE rate_limit_buckets SET "windowStart" = "windowStart" - interval '61 seconds' WHERE key = 'rl:c'`,
    );
    const [fresh] = await hitRateLimits(db.prisma, ["rl:c"], 60);
    expect(fresh.count).toBe(1);
    await releaseRateLimits(db.prisma, [old]);
    expect((await db.prisma.rateLimitBucket.findUnique({ where: { key: "rl:c" } }))?.count).toBe(1);
    await releaseRateLimits(db.prisma, [fresh]);
    expect((await db.prisma.rateLimitBucket.findUnique({ where: { key: "rl:c" } }))?.count).toBe(0);
  });
});
