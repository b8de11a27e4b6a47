import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { publish } from "@/lib/testing/enforcement-world";
import { openTestDb, testDbKinds } from "@/lib/testing/test-db";
import { environmentView, invalidatePolicyCache, POLICY_REFRESH_MS } from "./current-policy";

const kinds = await testDbKinds();
const ALLOW_ALL = "version: v1\nrules:\n  - id: allow-all\n    match: {}\n    decision: ALLOW\n";
const DENY_ALL = "version: v1\nrules:\n  - id: deny-all\n    match: {}\n    decision: DENY\n";

describe.each(kinds)("the current-policy cache on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let reads = 0;
  let counted: PrismaClient;
  beforeAll(async () => {
    db = await openTestDb(kind);
    // The real client, counting the reads of which snapshot is current.
    counted = db.prisma.$extends({
      query: {
        environmentState: {
          findUnique({ args, query }) {
            reads++;
            return query(args);
          },
        },
      },
    }) as unknown as PrismaClient;
  });
  afterAll(async () => db?.dispose());

  it("serves requests that find it stale together with one read", async () => {
    await publish(db, ALLOW_ALL);
    invalidatePolicyCache("production");
    reads = 0;
    const views = await Promise.all(Array.from({ length: 25 }, () => environmentView(counted, "production")));
    expect(reads).toBe(1);
    expect(new Set(views.map((v) => v.policy?.hash)).size).toBe(1);
    expect(views[0].policy?.compiled).toBeTruthy();
    // Within the refresh interval: no read at all.
    await environmentView(counted, "production");
    expect(reads).toBe(1);
    // Once stale: one more read.
    await environmentView(counted, "production", Date.now() + POLICY_REFRESH_MS + 1);
    expect(reads).toBe(2);
  });

  it("does not keep a read that a publish overtook", async () => {
    await publish(db, ALLOW_ALL);
    const before = await environmentView(counted, "production");
    invalidatePolicyCache("production");
    const inFlight = environmentView(counted, "production");
    // The publish lands while that read is in flight; its invalidation must win.
    await publish(db, DENY_ALL);
    await inFlight;
    const after = await environmentView(counted, "production");
    const current = await db.prisma.environmentState.findUniqueOrThrow({ where: { environment: "production" } });
    expect(after.policy?.snapshotId).toBe(current.currentSnapshotId);
    expect(after.policy?.version).toBeGreaterThan(before.policy!.version);
  });
});
