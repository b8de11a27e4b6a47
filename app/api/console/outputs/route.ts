import { handler } from "@/lib/server/handler";
import { listQuarantine } from "@/lib/server/output-safety/quarantine";
import { totalsOf, verdictCounts } from "@/lib/server/output-safety/verdict-counts";
import { quarantineListQuery } from "@/lib/schemas/output-safety";

export const dynamic = "force-dynamic";

/** The quarantine queue (or its history), with the last 24 hours of verdicts for context. */
export const GET = handler(
  { access: { permission: "outputs:review" }, query: quarantineListQuery },
  async ({ prisma, query }) => {
    const [list, counts] = await Promise.all([
      listQuarantine(prisma, query),
      verdictCounts(prisma, { from: new Date(Date.now() - 86_400_000), environment: query.environment }),
    ]);
    return { ...list, last24h: { ...totalsOf(counts), byTool: counts.slice(0, 10) } };
  },
);
