import "server-only";
import pino, { type LogFn, type Logger } from "pino";
import { env } from "@/lib/env";

/**
 * The console's one logger: pino, JSON lines on stderr (where the console has always reported its
 * failures and where the test harnesses and `next start` wrappers collect them), at LOG_LEVEL.
 * Fields in snake_case: `request_id` and `decision_id` where known (`log.child({ request_id })`).
 * Credentials never reach a line: the fields that could carry them are censored by name, and an
 * error is written as its type, code, first line and stack frames — never its full message, which
 * for driver errors can hold a whole statement and its parameters.
 */
export type { Logger };

const CREDENTIAL_FIELDS = ["authorization", "token", "access_token", "refresh_token", "password", "secret", "cookie"];

function level(): string {
  try {
    return env().LOG_LEVEL;
  } catch {
    return "info"; // an invalid configuration is itself reported through this logger
  }
}

export function serializeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: firstLine(String(err)) };
  const code = (err as { code?: unknown }).code;
  const frames = (err.stack ?? "").split("\n").filter((l) => l.startsWith("    at "));
  return {
    type: err.name,
    message: firstLine(err.message),
    ...(typeof code === "string" ? { code } : {}),
    ...(frames.length > 0 ? { stack: frames.join("\n") } : {}),
  };
}

export function firstLine(text: string): string {
  return text.split("\n", 1)[0].slice(0, 300);
}

/** A logger at LOG_LEVEL writing to stderr, unless told otherwise (tests pass their own stream). */
export function createLogger(opts: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? level(),
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: serializeError },
      redact: { paths: CREDENTIAL_FIELDS.flatMap((f) => [f, `*.${f}`]), censor: "[REDACTED]" },
    },
    // Synchronous: a line written just before process.exit (a failed start) must not be lost.
    opts.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

const g = globalThis as typeof globalThis & { __consoleLog?: Logger };

/** Created on first use, not on import: importing must not parse the configuration before it is set. */
function instance(): Logger {
  g.__consoleLog ??= createLogger();
  return g.__consoleLog;
}

const delegate =
  (level: "debug" | "info" | "warn" | "error" | "fatal"): LogFn =>
  (...args: unknown[]) =>
    (instance()[level] as (...a: unknown[]) => void)(...args);

/** The process-wide logger (one per process, also across Next's module instances). */
export const log = {
  debug: delegate("debug"),
  info: delegate("info"),
  warn: delegate("warn"),
  error: delegate("error"),
  fatal: delegate("fatal"),
  child: (bindings: Record<string, unknown>): Logger => instance().child(bindings),
  get level(): string {
    return instance().level;
  },
};

/** Lines meant for the person starting the console (the first admin's password, the URL), not for log collection. */
export function printForOperator(line: string): void {
  process.stdout.write(`${line}\n`);
}
