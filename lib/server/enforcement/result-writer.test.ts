import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openTestDb, testDbKinds } from "@/lib/testing/test-db";
import type { Query } from "../db";
import { log } from "../log";
import type { ResultFacts } from "../metrics/rollups";
import { drainResultWrites, resultsBehind, writeResultBehind } from "./result-writer";

const kinds = await testDbKinds();

const facts = (decisionId: string): ResultFacts => ({
  decisionId,
  environment: "development",
  clientId: "agt_results",
  server: "everything",
  tool: "echo",
  action: "read",
  risk: "low",
  status: "ok",
  durationMs: 12,
  safetyAction: "ALLOW",
  findings: [],
  unapproved: false,
  highRiskWrite: false,
});

describe.each(kinds)("result rows written behind the answer on %s", (kind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  beforeAll(async () => {
    db = await openTestDb(kind);
  });
  afterAll(async () => db?.dispose());

  const stored = async (id: string) => db.prisma.toolResult.count({ where: { decisionId: id } });
  const counted = async () =>
    Number(
      (
        await db.sql.query(
          `SELECT coalesce(sum(count), 0)::int AS n FROM metric_result_rollups WHERE server = 'everything'`,
        )
      )[0].n,
    );

  it("returns before the row is written, and the row and its counts are there once drained", async () => {
    const id = randomUUID();
    const before = await counted();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // The statement waits until the test lets it go: nothing is written while the caller goes on.
    let started = 0;
    const held: Query = async (text, params) => (started++, await gate, db.hot.asyncCommit(text, params));
    writeResultBehind(held, facts(id));
    expect(resultsBehind()).toBe(1);
    // Not even the statement is built in the caller's turn: the answer goes out first.
    expect(started).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(1);
    expect(await stored(id)).toBe(0);
    release();
    await drainResultWrites();
    expect(resultsBehind()).toBe(0);
    expect(await db.prisma.toolResult.findUniqueOrThrow({ where: { decisionId: id } })).toMatchObject({
      status: "ok",
      safetyAction: "ALLOW",
      durationMs: 12,
      unapproved: false,
    });
    expect(await counted()).toBe(before + 1);
  });

  it("retries a failed write, and a row that could not be written at first is written once", async () => {
    const id = randomUUID();
    let calls = 0;
    const flaky: Query = async (text, params) => {
      calls += 1;
      if (calls <= 2) throw Object.assign(new Error("connection lost"), { code: "57P01" });
      return db.hot.asyncCommit(text, params);
    };
    writeResultBehind(flaky, facts(id), [1, 1, 1]);
    await drainResultWrites();
    expect(calls).toBe(3);
    expect(await stored(id)).toBe(1);
  });

  it("gives up after its retries and says which decision has no result, without the error's text", async () => {
    const id = randomUUID();
    const errors = vi.spyOn(log, "error").mockImplementation(() => {});
    try {
      let calls = 0;
      const down: Query = async () => {
        calls += 1;
        throw Object.assign(new Error("password=hunter2 in a driver message"), { code: "08006" });
      };
      writeResultBehind(down, facts(id), [1, 1]);
      await drainResultWrites();
      expect(calls).toBe(3);
      expect(await stored(id)).toBe(0);
      expect(errors).toHaveBeenCalledTimes(1);
      const [fields, message] = errors.mock.calls[0] as unknown as [Record<string, unknown>, string];
      expect(fields).toEqual({ decision_id: id, attempts: 3, code: "08006" });
      expect(message).toContain("not recorded");
      expect(JSON.stringify(errors.mock.calls)).not.toContain("hunter2");
    } finally {
      errors.mockRestore();
    }
  });

  it("leaves a result already reported for the decision as it is (no error, no second count)", async () => {
    const id = randomUUID();
    writeResultBehind(db.hot.asyncCommit, facts(id));
    await drainResultWrites();
    const before = await counted();
    const errors = vi.spyOn(log, "error").mockImplementation(() => {});
    try {
      writeResultBehind(db.hot.asyncCommit, { ...facts(id), durationMs: 999 });
      await drainResultWrites();
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
    expect((await db.prisma.toolResult.findUniqueOrThrow({ where: { decisionId: id } })).durationMs).toBe(12);
    expect(await counted()).toBe(before);
  });
});
