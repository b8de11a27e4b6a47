import "server-only";
import { inspectOutput } from "@/lib/output-safety";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { UserPrincipal } from "../principal";
import { writeAudit, type Actor } from "../audit";
import { open, seal } from "../crypto-box";
import { Conflict, Forbidden, NotFound } from "../errors";
import { QUARANTINE_PURPOSE, RELEASE_PURPOSE, type OutputCaller } from "./record-verdict";
import { getOutputSafetySettings, inspectOptionsOf } from "./settings";
import { findingContexts, outputPreview, type StoredFinding } from "./snippets";

export interface QuarantineFilter {
  status: "PENDING" | "RELEASED" | "CONFIRMED" | "ALL";
  environment?: Environment;
  server?: string;
  kind?: string;
}

const LIST_FIELDS = {
  id: true,
  createdAt: true,
  source: true,
  environment: true,
  decisionId: true,
  agentId: true,
  clientId: true,
  userId: true,
  server: true,
  tool: true,
  kinds: true,
  outputBytes: true,
  status: true,
  reviewedAt: true,
  reviewerLabel: true,
  reviewReason: true,
  purgedAt: true,
} as const;

type ListRow = Prisma.QuarantinedOutputGetPayload<{ select: typeof LIST_FIELDS }>;

/** Names for the callers of a page of rows: agents by id, console users by id, in two queries. */
async function callerNames(prisma: PrismaClient, rows: readonly ListRow[]) {
  const agentIds = [...new Set(rows.map((r) => r.agentId).filter((x): x is string => !!x))];
  const userIds = [...new Set(rows.map((r) => r.userId).filter((x): x is string => !!x))];
  const [agents, users] = await Promise.all([
    agentIds.length
      ? prisma.agent.findMany({
          where: { id: { in: agentIds } },
          select: { id: true, name: true, ownerUserId: true, owner: true },
        })
      : [],
    userIds.length ? prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, email: true } }) : [],
  ]);
  return { agents: new Map(agents.map((a) => [a.id, a])), users: new Map(users.map((u) => [u.id, u.email])) };
}

function listItem(r: ListRow, names: Awaited<ReturnType<typeof callerNames>>) {
  const agent = r.agentId ? names.agents.get(r.agentId) : undefined;
  return {
    id: r.id,
    createdAt: r.createdAt,
    source: r.source,
    environment: r.environment,
    decisionId: r.decisionId,
    caller: r.agentId
      ? { type: "agent", name: agent?.name ?? r.clientId ?? "deleted agent", clientId: r.clientId }
      : { type: "user", name: (r.userId && names.users.get(r.userId)) || "deleted user", clientId: null },
    server: r.server,
    tool: r.tool,
    kinds: r.kinds,
    outputBytes: r.outputBytes,
    status: r.status,
    reviewedAt: r.reviewedAt,
    reviewedBy: r.reviewerLabel,
    reviewReason: r.reviewReason,
    purged: r.purgedAt !== null,
  };
}

export async function listQuarantine(prisma: PrismaClient, f: QuarantineFilter) {
  const where: Prisma.QuarantinedOutputWhereInput = {
    ...(f.status === "ALL" ? {} : { status: f.status }),
    ...(f.environment ? { environment: f.environment } : {}),
    ...(f.server ? { server: f.server } : {}),
    ...(f.kind ? { kinds: { has: f.kind } } : {}),
  };
  // The waiting queue is worked oldest first; decided outputs are read newest first.
  const rows = await prisma.quarantinedOutput.findMany({
    where,
    orderBy: { createdAt: f.status === "PENDING" ? "asc" : "desc" },
    take: 200,
    select: LIST_FIELDS,
  });
  const [names, pending] = await Promise.all([
    callerNames(prisma, rows),
    prisma.quarantinedOutput.count({ where: { status: "PENDING" } }),
  ]);
  return { items: rows.map((r) => listItem(r, names)), pending };
}

/** One quarantined output for a reviewer: metadata, findings in context (offsets, not HTML) and a preview. */
export async function quarantineDetail(prisma: PrismaClient, id: string) {
  const row = await prisma.quarantinedOutput.findUnique({ where: { id } });
  if (!row) throw NotFound("The quarantined output");
  const names = await callerNames(prisma, [row]);
  const findings = row.findings as unknown as StoredFinding[];
  const original = row.sealedOutput ? (JSON.parse(open(row.sealedOutput, QUARANTINE_PURPOSE)) as unknown) : undefined;
  return {
    ...listItem(row, names),
    findings: findings.map((f) => ({
      kind: f.kind,
      category: f.category,
      path: f.path,
      start: f.start,
      end: f.end,
      confidence: f.confidence,
    })),
    contexts: original === undefined ? [] : findingContexts(original, findings),
    preview: original === undefined ? null : outputPreview(original),
    releaseAction: row.releaseAction,
  };
}

/** Nobody releases what their own agent (or their own /inspect call) produced. */
async function refuseOwnOutput(
  prisma: PrismaClient,
  row: { agentId: string | null; userId: string | null },
  reviewer: UserPrincipal,
) {
  if (row.userId && row.userId === reviewer.userId)
    throw Forbidden("You submitted this output; another reviewer must decide.");
  if (row.agentId) {
    const agent = await prisma.agent.findUnique({ where: { id: row.agentId }, select: { ownerUserId: true } });
    if (agent?.ownerUserId && agent.ownerUserId === reviewer.userId)
      throw Forbidden("You own the agent that produced this output; another reviewer must decide.");
  }
}

async function pendingRow(prisma: PrismaClient, id: string) {
  const row = await prisma.quarantinedOutput.findUnique({ where: { id } });
  if (!row) throw NotFound("The quarantined output");
  if (row.status !== "PENDING")
    throw Conflict(`This output was already ${row.status.toLowerCase()}.`, "already-reviewed");
  return row;
}

/**
 * Release: the caller may fetch the output. Steering findings were judged harmless by a person,
 * but secrets and PII stay redacted, so what is released is the REDACT verdict of the same text.
 */
export async function releaseQuarantined(
  prisma: PrismaClient,
  id: string,
  reviewer: UserPrincipal,
  actor: Actor,
  reason: string,
) {
  const row = await pendingRow(prisma, id);
  await refuseOwnOutput(prisma, row, reviewer);
  if (!row.sealedOutput)
    throw Conflict("The output was purged after the retention period; it can only be confirmed.", "purged");
  const original = JSON.parse(open(row.sealedOutput, QUARANTINE_PURPOSE)) as unknown;
  const settings = await getOutputSafetySettings(prisma);
  const released = inspectOutput(original, inspectOptionsOf(settings, { withoutSteering: true }));
  const sealedRelease = seal(JSON.stringify(released.output) ?? "null", RELEASE_PURPOSE);
  return decide(prisma, row, actor, "RELEASED", reason, { sealedRelease, releaseAction: released.action });
}

export async function confirmQuarantined(
  prisma: PrismaClient,
  id: string,
  reviewer: UserPrincipal,
  actor: Actor,
  reason: string | undefined,
) {
  const row = await pendingRow(prisma, id);
  await refuseOwnOutput(prisma, row, reviewer);
  return decide(prisma, row, actor, "CONFIRMED", reason ?? null, {});
}

async function decide(
  prisma: PrismaClient,
  row: {
    id: string;
    environment: Environment | null;
    server: string;
    tool: string;
    kinds: string[];
    decisionId: string | null;
  },
  actor: Actor,
  status: "RELEASED" | "CONFIRMED",
  reason: string | null,
  extra: { sealedRelease?: string; releaseAction?: string },
) {
  await prisma.$transaction(async (tx) => {
    // Conditional on PENDING, so two reviewers racing cannot both decide.
    const { count } = await tx.quarantinedOutput.updateMany({
      where: { id: row.id, status: "PENDING" },
      data: {
        status,
        reviewedAt: new Date(),
        reviewerId: actor.id,
        reviewerLabel: actor.label,
        reviewReason: reason,
        ...extra,
      },
    });
    if (count === 0) throw Conflict("Another reviewer decided this output first.", "already-reviewed");
    await writeAudit(tx, {
      actor,
      action: status === "RELEASED" ? "output.release" : "output.confirm",
      environment: row.environment,
      target: { type: "quarantined_output", id: row.id },
      data: {
        reason,
        server: row.server,
        tool: row.tool,
        kinds: row.kinds,
        decision_id: row.decisionId,
        ...(extra.releaseAction ? { released_as: extra.releaseAction } : {}),
      },
    });
  });
  return { id: row.id, status };
}

/** GET /api/v1/outputs/{id}: the caller's own quarantined output; the text only once released. */
export async function fetchReleased(prisma: PrismaClient, caller: OutputCaller, id: string) {
  const row = await prisma.quarantinedOutput.findUnique({ where: { id } });
  const mine = row && (caller.type === "agent" ? row.agentId === caller.agentId : row.userId === caller.userId);
  if (!row || !mine) throw NotFound("The quarantined output");
  const base = { quarantine_id: row.id, status: row.status, reviewed_at: row.reviewedAt, reason: row.reviewReason };
  if (row.status !== "RELEASED") return base;
  if (!row.sealedRelease) return { ...base, status: "PURGED" };
  return {
    ...base,
    action: row.releaseAction,
    output: JSON.parse(open(row.sealedRelease, RELEASE_PURPOSE)) as unknown,
  };
}
