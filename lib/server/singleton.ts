import "server-only";

/**
 * Process-wide state lives here, not in module variables: the custom server (dist/server.mjs) and
 * each Next.js bundle load their own copy of a lib/server module, yet a revocation must reach the
 * cache that serves decisions, decisions must share one batching writer, and the database is opened
 * once. Each value sits on globalThis under `__<name>` (tests may install their own database as
 * `__consoleDb`); names are listed in singleton.test.ts so two modules cannot claim one by accident.
 */
const slots = globalThis as unknown as Record<string, unknown>;

/** The process's one value named `name`, created by the first copy of a module that asks. */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = `__${name}`;
  if (!(key in slots) || slots[key] === undefined) slots[key] = create();
  return slots[key] as T;
}

/** A process-wide value that is replaced or cleared (the open database, a timer, a per-client writer). */
export interface ProcessSlot<T> {
  get(): T | undefined;
  set(value: T | undefined): void;
}

export function processSlot<T>(name: string): ProcessSlot<T> {
  const key = `__${name}`;
  return {
    get: () => slots[key] as T | undefined,
    set: (value) => {
      slots[key] = value;
    },
  };
}
