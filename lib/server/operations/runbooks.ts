import "server-only";
import { createHash } from "node:crypto";
import type { PrismaClient, Runbook } from "@/lib/generated/prisma/client";
import type { RunbookUpdateInput } from "@/lib/schemas/operations";
import { writeAudit, type Actor } from "../audit";
import { Conflict, NotFound } from "../errors";
import { GATE_RUNBOOK_SLUGS, RUNBOOK_SEEDS, type RunbookKind } from "./runbook-defaults";

/** A runbook not reviewed for this long is shown as due (quarterly, like the drill). */
export const REVIEW_EVERY_DAYS = 90;
const SEED_AUTHOR = "the console (first version)";

const seeded = new WeakSet<PrismaClient>();

/** The first versions exist as rows from the first read on, so they can be edited and reviewed like any other. */
async function ensureSeeded(prisma: PrismaClient): Promise<void> {
  if (seeded.has(prisma)) return;
  const have = new Set((await prisma.runbook.findMany({ select: { slug: true } })).map((r) => r.slug));
  const missing = RUNBOOK_SEEDS.filter((s) => !have.has(s.slug));
  if (missing.length) {
    const now = new Date();
    await prisma.$transaction(async (tx) => {
      await tx.runbook.createMany({
        data: missing.map((s) => ({
          slug: s.slug,
          kind: s.kind,
          title: s.title,
          owner: s.owner,
          body: s.body,
          version: 1,
          updatedAt: now,
          updatedBy: SEED_AUTHOR,
        })),
        skipDuplicates: true,
      });
      await tx.runbookRevision.createMany({
        data: missing.map((s) => ({
          slug: s.slug,
          version: 1,
          title: s.title,
          owner: s.owner,
          body: s.body,
          editedBy: SEED_AUTHOR,
          at: now,
        })),
        skipDuplicates: true,
      });
    });
  }
  seeded.add(prisma);
}

export type ReviewState = "never" | "current" | "due";

export function reviewState(reviewedAt: Date | null, now = Date.now()): ReviewState {
  if (!reviewedAt) return "never";
  return now - reviewedAt.getTime() > REVIEW_EVERY_DAYS * 86_400_000 ? "due" : "current";
}

function summaryView(r: Runbook) {
  return {
    slug: r.slug,
    kind: r.kind as RunbookKind,
    title: r.title,
    owner: r.owner,
    version: r.version,
    reviewed_at: r.reviewedAt?.toISOString() ?? null,
    reviewed_by: r.reviewedBy,
    review_state: reviewState(r.reviewedAt),
    updated_at: r.updatedAt.toISOString(),
    updated_by: r.updatedBy,
    url: `/runbooks/${r.slug}`,
  };
}
export type RunbookSummary = ReturnType<typeof summaryView>;

const ORDER = new Map(RUNBOOK_SEEDS.map((s, i) => [s.slug, i]));

export async function listRunbooks(prisma: PrismaClient): Promise<RunbookSummary[]> {
  await ensureSeeded(prisma);
  const rows = await prisma.runbook.findMany();
  return rows
    .sort((a, b) => (ORDER.get(a.slug) ?? 99) - (ORDER.get(b.slug) ?? 99) || a.slug.localeCompare(b.slug))
    .map(summaryView);
}

export async function getRunbook(prisma: PrismaClient, slug: string) {
  await ensureSeeded(prisma);
  const row = await prisma.runbook.findUnique({
    where: { slug },
    include: {
      revisions: {
        orderBy: { version: "desc" },
        take: 50,
        select: { version: true, editedBy: true, at: true, title: true, owner: true },
      },
    },
  });
  if (!row) throw NotFound("The runbook");
  return {
    ...summaryView(row),
    body: row.body,
    is_gate: (GATE_RUNBOOK_SLUGS as readonly string[]).includes(row.slug),
    revisions: row.revisions.map((v) => ({
      version: v.version,
      edited_by: v.editedBy,
      at: v.at.toISOString(),
      title: v.title,
      owner: v.owner,
    })),
  };
}

export async function getRunbookRevision(prisma: PrismaClient, slug: string, version: number) {
  const v = await prisma.runbookRevision.findUnique({ where: { slug_version: { slug, version } } });
  if (!v) throw NotFound("That runbook version");
  return {
    slug,
    version: v.version,
    title: v.title,
    owner: v.owner,
    body: v.body,
    edited_by: v.editedBy,
    at: v.at.toISOString(),
  };
}

const sha256 = (s: string) => `sha256:${createHash("sha256").update(s).digest("hex")}`;

/**
 * Saves a new version (an admin's save counts as a review). Refused with 409 when someone else
 * saved since the editor opened `base_version`, so nobody overwrites an edit they never saw.
 */
export async function saveRunbook(prisma: PrismaClient, actor: Actor, slug: string, input: RunbookUpdateInput) {
  await ensureSeeded(prisma);
  return prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { version: number }[]
    >`SELECT version FROM runbooks WHERE slug = ${slug} FOR UPDATE`;
    if (!locked) throw NotFound("The runbook");
    const before = await tx.runbook.findUniqueOrThrow({ where: { slug } });
    if (before.version !== input.base_version) {
      throw Conflict(
        `${before.updatedBy} saved version ${before.version} after you opened version ${input.base_version}; reload to see their changes.`,
        "edit-conflict",
      );
    }
    const now = new Date();
    const version = before.version + 1;
    const row = await tx.runbook.update({
      where: { slug },
      data: {
        title: input.title,
        owner: input.owner,
        body: input.body,
        version,
        reviewedAt: now,
        reviewedBy: actor.label,
        updatedAt: now,
        updatedBy: actor.label,
      },
    });
    await tx.runbookRevision.create({
      data: { slug, version, title: input.title, owner: input.owner, body: input.body, editedBy: actor.label, at: now },
    });
    const changed = (["title", "owner", "body"] as const).filter((k) => before[k] !== input[k]);
    await writeAudit(tx, {
      actor,
      action: "runbook.update",
      target: { type: "runbook", id: slug },
      data: {
        version,
        changed,
        title: row.title,
        owner: row.owner,
        body_hash: sha256(row.body),
        previous_body_hash: sha256(before.body),
      },
    });
    return summaryView(row);
  });
}

/** Records that an admin read the runbook through and it still holds, without changing it. */
export async function markRunbookReviewed(prisma: PrismaClient, actor: Actor, slug: string) {
  await ensureSeeded(prisma);
  return prisma.$transaction(async (tx) => {
    const before = await tx.runbook.findUnique({ where: { slug } });
    if (!before) throw NotFound("The runbook");
    const row = await tx.runbook.update({ where: { slug }, data: { reviewedAt: new Date(), reviewedBy: actor.label } });
    await writeAudit(tx, {
      actor,
      action: "runbook.review",
      target: { type: "runbook", id: slug },
      data: { version: row.version, previous_review: before.reviewedAt?.toISOString() ?? null },
    });
    return summaryView(row);
  });
}
