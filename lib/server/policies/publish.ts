import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/policy";
import type { Actor } from "../audit";
import { changeTransaction } from "../change-feed";
import type { UserPrincipal } from "../principal";
import { getSnapshot, parseOrRefuse, writeSnapshot } from "./policy-store";

export type PublishOutcome =
  | { status: "published"; snapshot: Awaited<ReturnType<typeof writeSnapshot>> }
  | { status: "pending_review"; change_request: { id: string; title: string } };

/**
 * Publishes a policy. Production changes are reviewed (docs/operations.md#reviewed-changes): a policy author's publish
 * becomes a change request another person approves; an admin's applies at once and is
 * marked unreviewed in the audit trail.
 */
export async function publishPolicy(
  prisma: PrismaClient,
  principal: UserPrincipal,
  actor: Actor,
  environment: Environment,
  input: { source: string; message: string; rolledBackFrom?: number },
): Promise<PublishOutcome> {
  const parsed = parseOrRefuse(input.source);
  if (environment === "production" && principal.role !== "admin") {
    const { requestPolicyPublish } = await import("./publish-review");
    return {
      status: "pending_review",
      change_request: await requestPolicyPublish(prisma, principal, { ...input, hash: parsed.hash }),
    };
  }
  // The next decision here uses it; other processes as soon as they hear the announcement.
  const snapshot = await changeTransaction(prisma, async (tx, announce) => {
    await announce({ kind: "environment", environment });
    return writeSnapshot(tx, actor, environment, {
      source: input.source,
      message: input.message,
      unreviewed: environment === "production",
      rolledBackFrom: input.rolledBackFrom,
    });
  });
  return { status: "published", snapshot };
}

/** Rollback publishes an old snapshot's source again, as a new version. */
export async function rollbackPolicy(
  prisma: PrismaClient,
  principal: UserPrincipal,
  actor: Actor,
  environment: Environment,
  version: number,
  message?: string,
) {
  const old = await getSnapshot(prisma, environment, version);
  return publishPolicy(prisma, principal, actor, environment, {
    source: old.source,
    message: message || `Roll back to version ${version}`,
    rolledBackFrom: version,
  });
}
