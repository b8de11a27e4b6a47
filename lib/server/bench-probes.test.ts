import pg from "pg";
import { describe, expect, it } from "vitest";
import { postgresReachable, TEST_PG_ADMIN_URL } from "@/lib/testing/test-db";
import {
  benchProbeSnapshot,
  benchProbesOn,
  probeBatch,
  probeChainStatement,
  resetBenchProbes,
  startBenchProbes,
  timePoolWaits,
} from "./bench-probes";

const hasPg = await postgresReachable();

describe("bench probes", () => {
  it("record nothing until started, then batch sizes by bucket, waits and pauses until reset", async () => {
    probeBatch(5, 3);
    expect(benchProbeSnapshot()).toBeNull();
    startBenchProbes();
    expect(benchProbesOn()).toBe(true);
    for (const size of [1, 1, 2, 3, 4, 7, 8, 200]) probeBatch(2, size);
    probeChainStatement(4);
    // A major collection, so the GC observer has a pause to report.
    (globalThis as { gc?: () => void }).gc?.();
    let garbage: unknown[] = [];
    for (let i = 0; i < 200_000; i++) garbage.push({ i, s: `x${i}` });
    garbage = [];
    await new Promise((r) => setTimeout(r, 50));
    const snap = benchProbeSnapshot()!;
    expect(snap.batch_size).toEqual({
      mean: 28.3,
      max: 200,
      histogram: { "1": 2, "2-3": 2, "4-7": 2, "8-15": 1, "128-255": 1 },
    });
    expect(snap.batch_wait_ms).toMatchObject({ batches: 8, p50: 2, max: 2 });
    expect(snap.chain_statement_ms).toMatchObject({ statements: 1, max: 4 });
    expect(snap.gc.pauses).toBeGreaterThan(0);
    resetBenchProbes();
    const fresh = benchProbeSnapshot()!;
    expect(fresh.batch_size.histogram).toEqual({});
    expect(fresh.chain_statement_ms.statements).toBe(0);
  });

  it.runIf(hasPg)("count how long queries waited for a pooled connection", async () => {
    startBenchProbes();
    resetBenchProbes();
    const pool = new pg.Pool({ connectionString: TEST_PG_ADMIN_URL, max: 1 });
    timePoolWaits(pool);
    try {
      // One connection, three queries at once: two of them wait for it, in both call forms.
      const held = await pool.connect();
      const queued = Promise.all([pool.query("SELECT 1"), pool.query("SELECT 2")]);
      await new Promise((r) => setTimeout(r, 20));
      held.release();
      await queued;
    } finally {
      await pool.end();
    }
    const waits = benchProbeSnapshot()!.pool_wait_ms;
    expect(waits.waits).toBe(3);
    // The two that queued behind the held connection (the first also counts opening its connection).
    expect(waits.over_1ms).toBeGreaterThanOrEqual(2);
  });
});
