import "server-only";
import { DETECTOR_KINDS } from "@/lib/output-safety";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { writeAudit, type Actor } from "../audit";
import { open } from "../crypto-box";
import { NotFound, Unprocessable } from "../errors";
import { isoWeekOf, recentWeeks, weeksBefore } from "./iso-week";
import { SAMPLE_PURPOSE } from "./record-verdict";
import { getOutputSafetySettings } from "./settings";
import { outputPreview } from "./snippets";

export interface FnReviewStatus {
  week: string;
  sampled: number;
  reviewed: number;
  missed: number;
  /** Every sample of the week has been reviewed. A week with no samples is not complete (nothing was checked). */
  complete: boolean;
}

/** For the readiness check `fn-review`: was the week's false-negative sample reviewed? */
export async function fnReviewStatus(prisma: PrismaClient, week: string): Promise<FnReviewStatus> {
  const [row] = await prisma.$queryRawUnsafe<{ sampled: number; reviewed: number; missed: number }[]>(
    `SELECT count(*)::int AS sampled, count("verdict")::int AS reviewed, count(*) FILTER (WHERE "verdict" = 'missed')::int AS missed
       FROM output_review_samples WHERE week = $1`,
    week,
  );
  const sampled = Number(row?.sampled ?? 0);
  const reviewed = Number(row?.reviewed ?? 0);
  return { week, sampled, reviewed, missed: Number(row?.missed ?? 0), complete: sampled > 0 && reviewed === sampled };
}

/** Last ISO week's status, the one the readiness checklist judges. */
export function lastWeekFnReviewStatus(prisma: PrismaClient, now = new Date()): Promise<FnReviewStatus> {
  return fnReviewStatus(prisma, weeksBefore(now, 1));
}

/** The miss rate per week (missed ÷ reviewed, null when nothing was reviewed), oldest first. */
export async function weeklyFnStats(prisma: PrismaClient, weeks: number, now = new Date()) {
  const list = recentWeeks(now, weeks);
  const rows = await prisma.$queryRawUnsafe<{ week: string; sampled: number; reviewed: number; missed: number }[]>(
    `SELECT week, count(*)::int AS sampled, count("verdict")::int AS reviewed, count(*) FILTER (WHERE "verdict" = 'missed')::int AS missed
       FROM output_review_samples WHERE week = ANY($1::text[]) GROUP BY week`,
    list,
  );
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  return list.map((week) => {
    const r = byWeek.get(week);
    const sampled = Number(r?.sampled ?? 0);
    const reviewed = Number(r?.reviewed ?? 0);
    const missed = Number(r?.missed ?? 0);
    return { week, sampled, reviewed, missed, missRate: reviewed ? missed / reviewed : null };
  });
}

export async function listSamples(prisma: PrismaClient, week = isoWeekOf(new Date())) {
  const rows = await prisma.outputReviewSample.findMany({
    where: { week },
    orderBy: { createdAt: "asc" },
    take: 10_000,
    select: {
      id: true,
      createdAt: true,
      source: true,
      environment: true,
      decisionId: true,
      clientId: true,
      userId: true,
      server: true,
      tool: true,
      outputBytes: true,
      verdict: true,
      missedKind: true,
      note: true,
      reviewedAt: true,
      reviewerLabel: true,
      purgedAt: true,
    },
  });
  const [status, settings] = await Promise.all([fnReviewStatus(prisma, week), getOutputSafetySettings(prisma)]);
  return {
    week,
    status,
    sampleRate: settings.sampleRate,
    items: rows.map(({ purgedAt, reviewerLabel, ...r }) => ({
      ...r,
      reviewedBy: reviewerLabel,
      purged: purgedAt !== null,
    })),
  };
}

export async function sampleDetail(prisma: PrismaClient, id: string) {
  const row = await prisma.outputReviewSample.findUnique({ where: { id } });
  if (!row) throw NotFound("The sample");
  const original = row.sealedOutput ? (JSON.parse(open(row.sealedOutput, SAMPLE_PURPOSE)) as unknown) : undefined;
  return {
    id: row.id,
    week: row.week,
    createdAt: row.createdAt,
    source: row.source,
    environment: row.environment,
    server: row.server,
    tool: row.tool,
    clientId: row.clientId,
    verdict: row.verdict,
    missedKind: row.missedKind,
    note: row.note,
    reviewedBy: row.reviewerLabel,
    reviewedAt: row.reviewedAt,
    purged: row.purgedAt !== null,
    preview: original === undefined ? null : outputPreview(original, 64_000),
  };
}

/** Kinds a reviewer may name as missed: every built-in and custom kind, or "other". */
export async function missableKinds(prisma: PrismaClient): Promise<string[]> {
  const settings = await getOutputSafetySettings(prisma);
  return [...DETECTOR_KINDS.map((k) => k.kind), ...settings.customPatterns.map((c) => c.kind), "other"];
}

/** Marks a sample OK or missed (with the kind); a later change of mind is allowed and audited with the previous verdict. */
export async function reviewSample(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  input: { verdict: "ok" | "missed"; missed_kind?: string; note?: string },
) {
  if (input.missed_kind && !(await missableKinds(prisma)).includes(input.missed_kind)) {
    throw Unprocessable(`Unknown kind "${input.missed_kind}".`, [
      { path: "missed_kind", message: 'not a detector kind (use "other")' },
    ]);
  }
  return prisma.$transaction(async (tx) => {
    const row = await tx.outputReviewSample.findUnique({
      where: { id },
      select: { id: true, week: true, verdict: true, missedKind: true, environment: true, server: true, tool: true },
    });
    if (!row) throw NotFound("The sample");
    const missedKind = input.verdict === "missed" ? input.missed_kind! : null;
    await tx.outputReviewSample.update({
      where: { id },
      data: {
        verdict: input.verdict,
        missedKind,
        note: input.note ?? null,
        reviewedAt: new Date(),
        reviewerId: actor.id,
        reviewerLabel: actor.label,
      },
    });
    await writeAudit(tx, {
      actor,
      action: "output.fn_review",
      environment: row.environment,
      target: { type: "output_review_sample", id },
      data: {
        week: row.week,
        verdict: input.verdict,
        missed_kind: missedKind,
        note: input.note ?? null,
        server: row.server,
        tool: row.tool,
        previous: row.verdict ? { verdict: row.verdict, missed_kind: row.missedKind } : null,
      },
    });
    return { id, verdict: input.verdict, missedKind };
  });
}
