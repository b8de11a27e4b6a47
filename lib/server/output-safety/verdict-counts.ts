import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";

export interface VerdictCount {
  environment: Environment;
  server: string;
  tool: string;
  allowed: number;
  redacted: number;
  quarantined: number;
}

/**
 * Verdicts of /result and /inspect in [from, to), per environment, server and tool (the
 * QUARANTINE-ratio gate's numerator and denominator, at tool granularity).
 */
export async function verdictCounts(
  prisma: PrismaClient,
  opts: { from: Date; to?: Date; environment?: Environment },
): Promise<VerdictCount[]> {
  const params: unknown[] = [opts.from, opts.to ?? new Date(Date.now() + 60_000)];
  let filter = "";
  if (opts.environment) {
    params.push(opts.environment);
    filter = ` AND environment = $3::"Environment"`;
  }
  const rows = await prisma.$queryRawUnsafe<VerdictCount[]>(
    `SELECT environment::text AS environment, server, tool,
            sum(allowed)::int AS allowed, sum(redacted)::int AS redacted, sum(quarantined)::int AS quarantined
       FROM output_verdict_rollups WHERE minute >= $1 AND minute < $2${filter}
      GROUP BY environment, server, tool
      ORDER BY sum(quarantined) DESC, sum(allowed + redacted + quarantined) DESC, environment, server, tool`,
    ...params,
  );
  return rows.map((r) => ({
    ...r,
    allowed: Number(r.allowed),
    redacted: Number(r.redacted),
    quarantined: Number(r.quarantined),
  }));
}

export function totalsOf(rows: readonly VerdictCount[]) {
  const t = rows.reduce(
    (s, r) => ({
      allowed: s.allowed + r.allowed,
      redacted: s.redacted + r.redacted,
      quarantined: s.quarantined + r.quarantined,
    }),
    { allowed: 0, redacted: 0, quarantined: 0 },
  );
  const total = t.allowed + t.redacted + t.quarantined;
  return { ...t, total, quarantineRatio: total ? t.quarantined / total : null };
}
