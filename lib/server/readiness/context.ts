import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { fixUrl, type CheckId, type CheckResult, type CheckStatus } from "@/lib/readiness/checklist";

/** What every check is evaluated against: one environment, one window ending now. */
export interface CheckContext {
  prisma: PrismaClient;
  environment: Environment;
  now: Date;
  windowMinutes: number;
  /** [from, to): the window, minute-aligned like the gates' windows. */
  from: Date;
  to: Date;
  /** SSRF_ALLOW_HOSTS, passed in so tests can allow their loopback servers. */
  allowHosts: string[];
  /** Outbound HTTP for the remote-auth probe; defaults to the SSRF guard's fetch. */
  fetchImpl?: (environment: Environment) => typeof fetch;
  /** Per-server timeout of the remote-auth probe. */
  probeTimeoutMs?: number;
  /** decision-logged: "full" re-verifies the window's chain segment; "incremental" (page views) only what was appended since. */
  chainVerification?: "full" | "incremental";
}

export type Check = (ctx: CheckContext) => Promise<CheckResult>;

export function checkResult(
  ctx: CheckContext,
  id: CheckId,
  status: CheckStatus,
  evidence: string,
  details: Record<string, unknown>[] = [],
): CheckResult {
  // Evidence is a sentence, whichever clause a check happens to start it with.
  evidence = evidence.charAt(0).toUpperCase() + evidence.slice(1);
  return { id, status, evidence, details, checked_at: ctx.now.toISOString(), fix_url: fixUrl(id, ctx.environment) };
}

/** "the last 24 h" for evidence sentences. */
export function windowText(minutes: number): string {
  if (minutes % (24 * 60) === 0)
    return `the last ${minutes / (24 * 60) === 1 ? "24 h" : `${minutes / (24 * 60)} days`}`;
  if (minutes % 60 === 0) return `the last ${minutes / 60} h`;
  return `the last ${minutes} min`;
}
