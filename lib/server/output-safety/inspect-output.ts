import "server-only";
import { inspectOutput } from "@/lib/output-safety";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { API_TOKEN_PREFIX, readCookie, sessionCookieName } from "../principal";
import {
  countVerdict,
  onlyCounts,
  prepareVerdict,
  verdictAnswer,
  writeVerdict,
  type OutputCaller,
} from "./record-verdict";
import { getOutputSafetySettings, inspectOptionsOf } from "./settings";

export interface InspectInput {
  output: unknown;
  server?: string;
  tool?: string;
  environment: Environment | null;
}

/**
 * POST /api/v1/inspect for every kind of caller: classify with the admin's settings, then count
 * the verdict, store a quarantined output (sealed) or a false-negative sample in one transaction.
 */
export async function inspectAndRecord(prisma: PrismaClient, caller: OutputCaller, input: InspectInput) {
  const settings = await getOutputSafetySettings(prisma);
  const verdict = inspectOutput(input.output, inspectOptionsOf(settings));
  const prepared = prepareVerdict(
    { source: "inspect", environment: input.environment, caller, server: input.server ?? "", tool: input.tool ?? "" },
    input.output,
    verdict,
    settings,
  );
  if (onlyCounts(prepared)) {
    await countVerdict(prisma, prepared.facts, verdict.action);
    return verdictAnswer(verdict);
  }
  const { quarantineId } = await prisma.$transaction((tx) => writeVerdict(tx, prepared));
  return verdictAnswer(verdict, quarantineId);
}

/**
 * /api/v1/inspect and /api/v1/outputs serve agents and console users on one path: a personal API
 * token (its prefix) or, without an Authorization header, a session cookie goes to the console
 * handler; everything else to the agent token guard.
 */
export function isConsoleCaller(req: Request): boolean {
  const authz = req.headers.get("authorization");
  if (authz) return authz.startsWith(`Bearer ${API_TOKEN_PREFIX}_`);
  return readCookie(req.headers.get("cookie"), sessionCookieName()) !== undefined;
}
