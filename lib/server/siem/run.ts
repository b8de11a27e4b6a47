import "server-only";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { log } from "../log";
import { processSlot } from "../singleton";
import type { SiemDestinationInput } from "@/lib/schemas/siem";
import type { StoredConfig } from "./destinations";
import { deliver, describeError, exportDestination, lag } from "./export";
import { OCSF_VERSION, type OcsfRecord } from "./ocsf";

/** Destinations this process is exporting to now: a stalled one never holds back the others. */
const inFlight = processSlot<Set<string>>("siemExportsInFlight");

/**
 * The background job (lib/server/jobs.ts): starts a run for every enabled destination not already
 * running here, without waiting for them, so one slow receiver delays nothing else.
 */
export async function runSiemExports(prisma: PrismaClient): Promise<void> {
  let running = inFlight.get();
  if (!running) {
    running = new Set();
    inFlight.set(running);
  }
  const destinations = await prisma.siemDestination.findMany({ where: { enabled: true }, select: { id: true } });
  for (const { id } of destinations) {
    if (running.has(id)) continue;
    running.add(id);
    void exportDestination(prisma, id)
      .catch((err: unknown) => log.error({ err, destination: id }, "SIEM export run failed"))
      .finally(() => running.delete(id));
  }
}

/** Status for the settings page: cursor, live lag, last success and error. */
export async function siemDestinationsView(prisma: PrismaClient) {
  const rows = await prisma.siemDestination.findMany({ include: { state: true }, orderBy: { name: "asc" } });
  return Promise.all(
    rows.map(async (d) => {
      const { secretEnc, state, config, ...rest } = d;
      const s = state;
      const live = s ? await lag(prisma, s.eventSeq, s.decisionSeq) : { lagRows: 0n, lagSeconds: 0 };
      return {
        ...rest,
        kind: rest.kind as SiemDestinationInput["kind"],
        config: config as StoredConfig,
        secretSet: secretEnc !== null,
        status: s && {
          eventSeq: String(s.eventSeq),
          eventHash: s.eventHash,
          decisionSeq: String(s.decisionSeq),
          decisionHash: s.decisionHash,
          inFlight: s.pendingKey !== null,
          attempts: s.attempts,
          nextAttemptAt: s.nextAttemptAt.toISOString(),
          lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null,
          lastErrorAt: s.lastErrorAt?.toISOString() ?? null,
          lastError: s.lastError,
          sentRows: String(s.sentRows),
          lagRows: String(live.lagRows),
          lagSeconds: live.lagSeconds,
        },
      };
    }),
  );
}

/** A synthetic event sent through the destination's transport; the cursor is not touched. */
export async function sendTestEvent(prisma: PrismaClient, id: string, timeoutMs = 10_000) {
  const destination = await prisma.siemDestination.findUniqueOrThrow({ where: { id } });
  const uid = randomUUID();
  const record: OcsfRecord = {
    class_uid: 6003,
    class_name: "API Activity",
    category_uid: 6,
    category_name: "Application Activity",
    activity_id: 99,
    activity_name: "Test",
    type_uid: 600399,
    severity_id: 1,
    severity: "Informational",
    time: Date.now(),
    message: `Test event from the MCP governance console to "${destination.name}"`,
    metadata: {
      uid,
      sequence: 0,
      log_name: "siem_test",
      version: OCSF_VERSION,
      product: { name: "MCP governance console" },
    },
    unmapped: { test: true },
  };
  try {
    await deliver(destination, [record], `siem-test-${uid}`, timeoutMs);
    return { ok: true as const, uid };
  } catch (err) {
    return { ok: false as const, uid, error: describeError(err) };
  }
}
