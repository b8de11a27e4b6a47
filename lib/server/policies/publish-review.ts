import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createChangeRequest, registerChangeApplier } from "../change-requests";
import type { UserPrincipal } from "../principal";
import { writeSnapshot } from "./policy-store";

interface PublishPayload {
  source: string;
  message: string;
  hash: string;
  rolledBackFrom?: number;
}

export const POLICY_PUBLISH = "policy_publish";

registerChangeApplier(POLICY_PUBLISH, async (tx, payload, { request, reviewer, announce }) => {
  const p = payload as unknown as PublishPayload;
  // The snapshot is authored by the requester; the approving reviewer is recorded beside it.
  const snapshot = await writeSnapshot(
    tx,
    { type: "user", id: request.requestedById, label: request.requestedBy },
    request.environment,
    {
      source: p.source,
      message: p.message,
      reviewedBy: reviewer.email,
      rolledBackFrom: p.rolledBackFrom ?? null,
    },
  );
  await announce({ kind: "environment", environment: request.environment });
  return { version: snapshot.version, hash: snapshot.hash, snapshot_id: snapshot.id };
});

export async function requestPolicyPublish(prisma: PrismaClient, principal: UserPrincipal, input: PublishPayload) {
  const row = await prisma.$transaction((tx) =>
    createChangeRequest(tx, {
      kind: POLICY_PUBLISH,
      environment: "production",
      title: input.message ? `Publish production policy: ${input.message}` : "Publish production policy",
      payload: { ...input },
      requester: principal,
    }),
  );
  return { id: row.id, title: row.title };
}
