import "server-only";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { verifyLinks, type ChainName, type LinkedRecord, type LinksResult } from "@/lib/audit/chain";

/** Recomputes pages of a chain: in a worker thread, or (fallback, tests) on the calling thread. */
export interface ChainHasher {
  readonly threaded: boolean;
  verify(chain: ChainName, prevHash: string, records: readonly LinkedRecord[]): Promise<LinksResult>;
  close(): Promise<void>;
}

/**
 * Plain JavaScript on disk, so tsx, the `next start` bundle and Vitest all start the same file;
 * it imports lib/audit/chain-rule.mjs, the one definition of the hash rule.
 */
export const CHAIN_WORKER_FILE = path.resolve(
  /*turbopackIgnore: true*/ process.cwd(),
  "lib",
  "audit",
  "chain-worker.mjs",
);

/** Hashing on the calling thread, yielding to the event loop between pages. */
export function inThreadHasher(): ChainHasher {
  return {
    threaded: false,
    verify: async (chain, prevHash, records) => {
      await new Promise((r) => setImmediate(r));
      return verifyLinks(chain, prevHash, records);
    },
    close: async () => {},
  };
}

type Pending = { resolve: (r: LinksResult) => void; reject: (e: Error) => void };

/** One worker thread for one verification run; pages are answered in the order sent. */
export async function workerHasher(file = CHAIN_WORKER_FILE): Promise<ChainHasher> {
  // No inherited --import hooks: the worker is plain JavaScript and starts faster without tsx.
  const worker = new Worker(/*turbopackIgnore: true*/ file, { execArgv: [], env: {} });
  const pending = new Map<number, Pending>();
  let next = 0;
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure ??= err;
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`chain worker exited (code ${code})`)));
  });
  await ready.catch(async (err) => {
    await worker.terminate();
    throw err;
  });
  worker.on("message", (m: { id: number; result?: LinksResult; error?: string }) => {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.error !== undefined) p?.reject(new Error(`chain worker: ${m.error}`));
    else p?.resolve(m.result!);
  });
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`chain worker exited (code ${code})`)));
  return {
    threaded: true,
    verify: (chain, prevHash, records) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        const id = next++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, chain, prevHash, records });
      }),
    close: async () => {
      failure ??= new Error("chain worker closed");
      await worker.terminate();
    },
  };
}
