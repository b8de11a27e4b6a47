import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ENVIRONMENTS, type EnvironmentName } from "@/lib/schemas/identity";
import type { Tx } from "./audit";
import { invalidateCatalogView } from "./catalog/catalog-view";
import { forgetAgentState } from "./identity/agent-state";
import { forgetTrustedIssuers } from "./identity/verify-external";
import { invalidateOutputSafetySettings } from "./output-safety/settings";
import { invalidatePolicyCache } from "./policies/current-policy";

/** The PostgreSQL channel every console process listens on (change-listener.ts). */
export const CHANGE_CHANNEL = "mgc_enforcement_changes";

/** A committed change the decision path caches: what every process must forget about. */
export type Change =
  /** Its status or scopes changed, or one of its tokens was revoked. */
  | { kind: "agent"; clientId: string }
  /** A policy was published or the kill switch moved. */
  | { kind: "environment"; environment: EnvironmentName }
  | { kind: "catalog" }
  | { kind: "trusted_issuers" }
  | { kind: "output_safety" };

/** Sends a change to every console process when the transaction commits (and to none if it rolls back). */
export type Announce = (change: Change) => Promise<void>;

/**
 * prisma.$transaction for changes the decision path caches. Each announced change is sent with
 * pg_notify inside the transaction, so other processes hear it on commit (NOTIFY is
 * transactional), and this process forgets it once the transaction is over, before this returns:
 * the next call here reads the committed state. Forgetting comes after the commit because a read
 * started between a forget and the commit would see, and keep, the old state.
 */
export async function changeTransaction<T>(
  prisma: PrismaClient,
  fn: (tx: Tx, announce: Announce) => Promise<T>,
): Promise<T> {
  const announced: Change[] = [];
  try {
    return await prisma.$transaction((tx) =>
      fn(tx, async (change) => {
        await tx.$executeRaw`SELECT pg_notify(${CHANGE_CHANNEL}, ${JSON.stringify(change)})`;
        announced.push(change);
      }),
    );
  } finally {
    // Also after a failure: a commit whose acknowledgement was lost still took effect, and forgetting costs one re-read.
    for (const change of announced) forget(change);
  }
}

/** Drops what this process caches about a change (everything: after the listener missed notifications). */
export function forget(change: Change | "everything"): void {
  if (change === "everything") {
    forgetAgentState();
    invalidatePolicyCache();
    invalidateCatalogView();
    forgetTrustedIssuers();
    invalidateOutputSafetySettings();
    return;
  }
  switch (change.kind) {
    case "agent":
      return forgetAgentState(change.clientId);
    case "environment":
      return invalidatePolicyCache(change.environment);
    case "catalog":
      return invalidateCatalogView();
    case "trusted_issuers":
      return forgetTrustedIssuers();
    case "output_safety":
      return invalidateOutputSafetySettings();
  }
}

/** A notification's payload; anything unrecognised (another version's change) means forgetting everything. */
export function parseChange(payload: string | undefined): Change | "everything" {
  let value: unknown;
  try {
    value = JSON.parse(payload ?? "");
  } catch {
    return "everything";
  }
  const c = value as Partial<Record<string, unknown>> | null;
  switch (c?.kind) {
    case "agent":
      return typeof c.clientId === "string" ? { kind: "agent", clientId: c.clientId } : "everything";
    case "environment":
      return (ENVIRONMENTS as readonly unknown[]).includes(c.environment)
        ? { kind: "environment", environment: c.environment as EnvironmentName }
        : "everything";
    case "catalog":
    case "trusted_issuers":
    case "output_safety":
      return { kind: c.kind };
    default:
      return "everything";
  }
}
