import "server-only";
import { processSingleton } from "../singleton";
import type { Query } from "../db";
import { insertResultWithRollups, type ResultFacts } from "../metrics/rollups";
import { log } from "../log";

/**
 * Result rows the gateway writes behind its answer: an allowed call whose output needed nothing
 * stored (no quarantine, no sample, not an unapproved execution). Its decision is durable before
 * the output leaves; this row only adds a latency and a verdict count to it. A failed write is
 * retried (a lost connection, a restart of the database) and, once retries run out, reported on
 * stderr with the decision id — the decision then stands without a result, as it does when an
 * agent of the decision API never reports one.
 */
const RETRY_DELAYS_MS = [100, 500, 2_000];

const pending = processSingleton("resultsBehind", () => new Set<Promise<void>>());

/** Queues the row; returns at once. Even building the statement waits until the answer is on its way (the next turn of the event loop). */
export function writeResultBehind(q: Query, facts: ResultFacts, delays: readonly number[] = RETRY_DELAYS_MS): void {
  const job: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => write(q, facts, delays))
    .finally(() => pending.delete(job));
  pending.add(job);
}

async function write(q: Query, facts: ResultFacts, delays: readonly number[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      // false: a result for this decision exists already (reported through the API meanwhile); it stands.
      await insertResultWithRollups(q, facts);
      return;
    } catch (err) {
      if (attempt >= delays.length) {
        // The code only: a driver's message can carry the statement and its parameters.
        const code = (err as { code?: unknown }).code;
        log.error(
          { decision_id: facts.decisionId, attempts: attempt + 1, ...(typeof code === "string" ? { code } : {}) },
          "the result of a decision was not recorded; the decision stands without one",
        );
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delays[attempt]));
    }
  }
}

/** How many rows are still being written. */
export function resultsBehind(): number {
  return pending.size;
}

/** Settles when every queued row is written or given up (shutdown, tests). */
export async function drainResultWrites(): Promise<void> {
  while (pending.size) await Promise.allSettled([...pending]);
}
