import "server-only";
import { firstLine, log } from "./log";

const WINDOW_MS = 10_000;
const seen = new Map<string, { count: number; since: number; timer: NodeJS.Timeout | null }>();

/**
 * Logs a repeated failure once, then once per 10 s with how many times it recurred: a database
 * outage refuses every request, and a line per request would flood the log (and hide the cause).
 * Only the error's first line is written: driver errors can carry whole statements and parameters.
 */
export function logRepeated(context: string, err: unknown): void {
  const message = summary(err);
  const key = `${context}\u0000${message}`;
  const entry = seen.get(key);
  if (entry) {
    entry.count++;
    return;
  }
  log.error({ context, error: message }, context);
  const fresh = { count: 0, since: Date.now(), timer: null as NodeJS.Timeout | null };
  seen.set(key, fresh);
  fresh.timer = setTimeout(() => {
    seen.delete(key);
    if (fresh.count > 0)
      log.error(
        { context, error: message, repeated: fresh.count, window_sec: WINDOW_MS / 1000 },
        `${context} (repeated)`,
      );
  }, WINDOW_MS);
  fresh.timer.unref();
}

function summary(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  const line = firstLine(err instanceof Error ? err.message : String(err));
  return typeof code === "string" ? `${line} [${code}]` : line;
}
