import "server-only";
import { lockKeyInTx } from "../advisory-locks";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parsePolicy, type PolicyError } from "@/lib/policy";
import { SEED_POLICY_YAML } from "@/lib/policy/seed-table";
import { writeAudit, type Actor, type Tx } from "../audit";
import { NotFound, Unprocessable } from "../errors";
import type { UserPrincipal } from "../principal";

export const SNAPSHOT_SUMMARY = {
  id: true,
  environment: true,
  version: true,
  hash: true,
  message: true,
  authorLabel: true,
  reviewedBy: true,
  unreviewed: true,
  rolledBackFrom: true,
  createdAt: true,
} as const;

/** Refuses an invalid policy with 422 naming each line, column and field; nothing is stored. */
export function parseOrRefuse(source: string) {
  const parsed = parsePolicy(source);
  if (!parsed.ok) throw policyProblem(parsed.errors);
  return parsed;
}

export function policyProblem(errors: PolicyError[]) {
  const summary = errors
    .map((e) => `line ${e.line}, column ${e.column}${e.field ? ` (${e.field})` : ""}: ${e.message}`)
    .join("; ");
  return Unprocessable(
    `The policy is invalid: ${summary}`,
    errors.map((e) => ({ path: e.field || "policy", message: e.message, line: e.line, column: e.column })),
    "invalid-policy",
  );
}

export async function currentSnapshot(prisma: PrismaClient | Tx, environment: Environment) {
  const state = await prisma.environmentState.findUnique({ where: { environment } });
  if (!state?.currentSnapshotId) return null;
  return prisma.policySnapshot.findUnique({ where: { id: state.currentSnapshotId } });
}

export async function policyOverview(prisma: PrismaClient, environment: Environment) {
  const [draft, current, versions] = await Promise.all([
    prisma.policyDraft.findUnique({ where: { environment } }),
    currentSnapshot(prisma, environment),
    prisma.policySnapshot.findMany({
      where: { environment },
      orderBy: { version: "desc" },
      take: 100,
      select: SNAPSHOT_SUMMARY,
    }),
  ]);
  // A new environment starts from the seed article's policy as an unpublished draft.
  const source = draft?.source ?? current?.source ?? SEED_POLICY_YAML;
  const parsed = parsePolicy(source);
  return {
    environment,
    draft: {
      source,
      saved: Boolean(draft),
      updated_at: draft?.updatedAt ?? null,
      updated_by: draft?.updatedBy ?? null,
      valid: parsed.ok,
      hash: parsed.ok ? parsed.hash : null,
      errors: parsed.ok ? [] : parsed.errors,
      differs_from_current: !current || !parsed.ok || parsed.hash !== current.hash,
    },
    current: current ? { ...pick(current), source: current.source } : null,
    versions,
  };
}

function pick(s: NonNullable<Awaited<ReturnType<typeof currentSnapshot>>>) {
  const { id, version, hash, message, authorLabel, reviewedBy, unreviewed, createdAt } = s;
  return { id, version, hash, message, authorLabel, reviewedBy, unreviewed, createdAt };
}

export async function saveDraft(
  prisma: PrismaClient,
  principal: UserPrincipal,
  actor: Actor,
  environment: Environment,
  source: string,
) {
  const parsed = parseOrRefuse(source);
  await prisma.$transaction(async (tx) => {
    await tx.policyDraft.upsert({
      where: { environment },
      create: { environment, source, updatedById: principal.userId, updatedBy: principal.email },
      update: { source, updatedById: principal.userId, updatedBy: principal.email },
    });
    await writeAudit(tx, {
      actor,
      action: "policy.draft_saved",
      environment,
      target: { type: "policy", id: environment },
      data: { hash: parsed.hash, rules: parsed.policy.rules.length },
    });
  });
  return parsed;
}

export interface PublishInput {
  source: string;
  message: string;
  reviewedBy?: string | null;
  unreviewed?: boolean;
  rolledBackFrom?: number | null;
}

/** Writes a new immutable snapshot and makes it current, in the caller's transaction. */
export async function writeSnapshot(tx: Tx, actor: Actor, environment: Environment, input: PublishInput) {
  const parsed = parseOrRefuse(input.source);
  // One publisher at a time per environment, across processes: versions stay dense and unique.
  await lockKeyInTx(tx, "POLICY_PUBLISH", ["development", "staging", "production"].indexOf(environment));
  const last = await tx.policySnapshot.findFirst({
    where: { environment },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  const previous = await currentSnapshot(tx, environment);
  const snapshot = await tx.policySnapshot.create({
    data: {
      environment,
      version: (last?.version ?? 0) + 1,
      source: input.source,
      canonical: parsed.canonical,
      hash: parsed.hash,
      message: input.message,
      authorId: actor.type === "user" || actor.type === "api_token" ? actor.id : null,
      authorLabel: actor.label,
      reviewedBy: input.reviewedBy ?? null,
      unreviewed: input.unreviewed ?? false,
      rolledBackFrom: input.rolledBackFrom ?? null,
    },
    select: SNAPSHOT_SUMMARY,
  });
  await tx.environmentState.upsert({
    where: { environment },
    create: { environment, currentSnapshotId: snapshot.id },
    update: { currentSnapshotId: snapshot.id },
  });
  await tx.policyDraft.upsert({
    where: { environment },
    create: { environment, source: input.source, updatedBy: actor.label },
    update: { source: input.source, updatedBy: actor.label },
  });
  await writeAudit(tx, {
    actor,
    action: input.rolledBackFrom ? "policy.rolled_back" : "policy.published",
    environment,
    target: { type: "policy_snapshot", id: snapshot.id },
    data: {
      version: snapshot.version,
      hash: snapshot.hash,
      previous_hash: previous?.hash ?? null,
      message: input.message,
      reviewed_by: input.reviewedBy ?? null,
      unreviewed: input.unreviewed ?? false,
      ...(input.rolledBackFrom ? { rolled_back_from: input.rolledBackFrom } : {}),
    },
  });
  return snapshot;
}

export async function getSnapshot(prisma: PrismaClient, environment: Environment, version: number) {
  const snap = await prisma.policySnapshot.findUnique({ where: { environment_version: { environment, version } } });
  if (!snap) throw NotFound(`Version ${version} of the ${environment} policy`);
  return snap;
}
