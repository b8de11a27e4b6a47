import "server-only";
import { processSlot } from "./singleton";
import { createHistogram, monitorEventLoopDelay, PerformanceObserver, type RecordableHistogram } from "node:perf_hooks";

/**
 * Where a decision's tail comes from, measured inside the console while `npm run bench:decide`
 * loads it: GC pauses, event-loop delay, how long a batch's first row waits for its batch, batch
 * sizes, the chain-locked batch statement, and waits for a pooled connection. Only when
 * BENCH_PROBES=1 (server.ts starts them); otherwise every record call is a no-op. Shared through
 * globalThis: the custom server and Next's bundles each load their own copy of this module.
 */
interface Probes {
  since: number;
  gc: RecordableHistogram;
  loop: ReturnType<typeof monitorEventLoopDelay>;
  batchWait: RecordableHistogram;
  batchSizes: number[];
  chain: RecordableHistogram;
  poolWait: RecordableHistogram;
  /** Pool waits longer than 1 ms (a connection was not free). */
  poolWaitsOver1ms: number;
}

const slot = processSlot<Probes>("benchProbes");

/** Histograms hold integers: durations are kept in microseconds (at least 1). */
const us = (ms: number) => Math.max(1, Math.round(ms * 1000));

export function startBenchProbes(): void {
  if (slot.get()) return;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const probes: Probes = {
    since: performance.now(),
    gc: createHistogram(),
    loop,
    batchWait: createHistogram(),
    batchSizes: [],
    chain: createHistogram(),
    poolWait: createHistogram(),
    poolWaitsOver1ms: 0,
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) slot.get()?.gc.record(us(entry.duration));
  }).observe({ entryTypes: ["gc"] });
  slot.set(probes);
}

export const benchProbesOn = (): boolean => slot.get() !== undefined;

/** A batch leaves the decision writer's queue: its first row waited `waitMs`. */
export function probeBatch(waitMs: number, size: number): void {
  const p = slot.get();
  if (!p) return;
  p.batchWait.record(us(waitMs));
  p.batchSizes.push(size);
}

/** One chain-locked batch statement, from send to answer (lock wait + hold + commit + round trip). */
export function probeChainStatement(ms: number): void {
  slot.get()?.chain.record(us(ms));
}

/** A query or transaction waited this long for a pooled PostgreSQL connection. */
export function probePoolWait(ms: number): void {
  const p = slot.get();
  if (!p) return;
  p.poolWait.record(us(ms));
  if (ms > 1) p.poolWaitsOver1ms++;
}

/** Counts pool.connect waits of a pg.Pool (callback and promise forms; pool.query goes through it). */
export function timePoolWaits(pool: { connect: (...args: never[]) => unknown }): void {
  const connect = pool.connect.bind(pool) as (cb?: (...a: unknown[]) => void) => Promise<unknown> | undefined;
  pool.connect = ((cb?: (...a: unknown[]) => void) => {
    const t0 = performance.now();
    if (cb)
      return connect((...a: unknown[]) => {
        probePoolWait(performance.now() - t0);
        cb(...a);
      });
    return connect()?.then((client) => {
      probePoolWait(performance.now() - t0);
      return client;
    });
  }) as never;
}

const ms = (h: { percentile(p: number): number; max: number; count?: number }, scale: number) => ({
  p50: +(h.percentile(50) / scale).toFixed(2),
  p99: +(h.percentile(99) / scale).toFixed(2),
  max: +(h.max / scale).toFixed(2),
});

/** Batch sizes by power-of-two bucket: "1", "2-3", "4-7", … */
function sizeBuckets(sizes: number[]): Record<string, number> {
  const counts = new Map<number, number>();
  for (const n of sizes) {
    const lo = 2 ** Math.floor(Math.log2(n));
    counts.set(lo, (counts.get(lo) ?? 0) + 1);
  }
  const out: Record<string, number> = {};
  for (const lo of [...counts.keys()].sort((a, b) => a - b))
    out[lo === 1 ? "1" : `${lo}-${lo * 2 - 1}`] = counts.get(lo)!;
  return out;
}

/** Everything measured since the last reset (null when the probes are off). */
export function benchProbeSnapshot() {
  const p = slot.get();
  if (!p) return null;
  const seconds = (performance.now() - p.since) / 1000;
  const gcTotalMs = (p.gc.mean * p.gc.count) / 1000 || 0;
  const sizes = p.batchSizes;
  return {
    seconds: +seconds.toFixed(2),
    gc: {
      pauses: p.gc.count,
      total_ms: +gcTotalMs.toFixed(1),
      share: +(gcTotalMs / 1000 / seconds).toFixed(4),
      ...(p.gc.count ? ms(p.gc, 1000) : {}),
    },
    event_loop_delay_ms: ms(p.loop, 1e6),
    batch_wait_ms: { batches: p.batchWait.count, ...(p.batchWait.count ? ms(p.batchWait, 1000) : {}) },
    batch_size: {
      mean: sizes.length ? +(sizes.reduce((a, b) => a + b, 0) / sizes.length).toFixed(1) : 0,
      max: sizes.reduce((a, b) => Math.max(a, b), 0),
      histogram: sizeBuckets(sizes),
    },
    chain_statement_ms: { statements: p.chain.count, ...(p.chain.count ? ms(p.chain, 1000) : {}) },
    pool_wait_ms: {
      waits: p.poolWait.count,
      ...(p.poolWait.count ? ms(p.poolWait, 1000) : {}),
      over_1ms: p.poolWaitsOver1ms,
    },
  };
}

export type BenchProbeSnapshot = NonNullable<ReturnType<typeof benchProbeSnapshot>>;

/** Starts a new measuring window (the bench resets after its warm-up). */
export function resetBenchProbes(): void {
  const p = slot.get();
  if (!p) return;
  p.since = performance.now();
  for (const h of [p.gc, p.loop, p.batchWait, p.chain, p.poolWait]) h.reset();
  p.batchSizes = [];
  p.poolWaitsOver1ms = 0;
}
