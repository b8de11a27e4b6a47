import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";
import { windowBounds } from "@/lib/metrics/windows";
import { fixUrl, type CheckId, type CheckResult } from "@/lib/readiness/checklist";
import { checkResult, type CheckContext } from "./context";
import { CHECK_FUNCTIONS } from "./registry";
import { log } from "../log";

/** The checklist's default window: a day of decisions, results and approvals. */
export const DEFAULT_WINDOW_MINUTES = 24 * 60;

export interface ContextOptions {
  now?: Date;
  windowMinutes?: number;
  allowHosts?: string[];
  fetchImpl?: CheckContext["fetchImpl"];
  probeTimeoutMs?: number;
  chainVerification?: CheckContext["chainVerification"];
}

export function checkContext(prisma: PrismaClient, environment: Environment, opts: ContextOptions = {}): CheckContext {
  const now = opts.now ?? new Date();
  const windowMinutes = opts.windowMinutes ?? DEFAULT_WINDOW_MINUTES;
  const { start, end } = windowBounds(now.getTime(), windowMinutes);
  return {
    prisma,
    environment,
    now,
    windowMinutes,
    from: new Date(start),
    to: new Date(end),
    allowHosts: opts.allowHosts ?? env().SSRF_ALLOW_HOSTS,
    fetchImpl: opts.fetchImpl,
    probeTimeoutMs: opts.probeTimeoutMs,
    chainVerification: opts.chainVerification ?? "full",
  };
}

/** One check; a check that throws fails (closed) with a generic sentence, and the error is logged. */
export async function evaluateCheck(ctx: CheckContext, id: CheckId): Promise<CheckResult> {
  try {
    return await CHECK_FUNCTIONS[id](ctx);
  } catch (err) {
    log.error({ err, check: id, environment: ctx.environment }, "readiness check failed");
    return {
      ...checkResult(
        ctx,
        id,
        "FAIL",
        "The check could not be evaluated (an internal error was logged); it does not pass until it runs cleanly.",
      ),
      fix_url: fixUrl(id, ctx.environment),
    };
  }
}

/** Several checks, one after another (they share one database connection on the embedded database anyway). */
export async function evaluateChecks(ctx: CheckContext, ids: readonly CheckId[]): Promise<CheckResult[]> {
  const out: CheckResult[] = [];
  for (const id of ids) out.push(await evaluateCheck(ctx, id));
  return out;
}
