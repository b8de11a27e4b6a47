import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditFilterSchema } from "@/lib/schemas/audit";
import { openTestDb, testDbKinds } from "@/lib/testing/test-db";
import { DecisionWriter } from "../enforcement/decision-writer";
import { fixtureDecisions } from "./fixtures";
import { mergeSearchIndexPending } from "./index-upkeep";
import type { DecisionItem } from "./rows";
import { searchAudit } from "./search";

const kinds = await testDbKinds();

describe.runIf(kinds.includes("postgresql"))("audit search index upkeep on PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb("postgresql");
  });
  afterAll(async () => db?.dispose());

  it("merges the pending entries new decisions left in the full-text indexes, and search finds them before and after", async () => {
    const writer = new DecisionWriter(db.prisma);
    const rows = fixtureDecisions(300, new Date()).map((r, i) => ({
      ...r,
      id: randomUUID(),
      at: new Date(),
      arguments: { note: `zephyr-${i % 3}` },
    }));
    await Promise.all(rows.map((r) => writer.write(r)));
    const find = async (q: string) =>
      (
        (await searchAudit(db.sql, "decisions", auditFilterSchema.parse({ q }), { payload: true, limit: 500 }))
          .items as DecisionItem[]
      ).length;
    expect(await find("zephyr 1")).toBe(100);
    expect(await mergeSearchIndexPending(db.hot.query)).toBeGreaterThan(0);
    // Merged: nothing left to merge, and the same rows are found through the index proper.
    expect(await mergeSearchIndexPending(db.hot.query)).toBe(0);
    expect(await find("zephyr 1")).toBe(100);
    expect(await find(rows[0].clientId)).toBeGreaterThan(0);
  });
});
