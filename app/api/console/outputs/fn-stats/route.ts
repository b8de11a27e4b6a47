import { handler } from "@/lib/server/handler";
import { weeklyFnStats } from "@/lib/server/output-safety/fn-review";
import { weeksQuery } from "@/lib/schemas/output-safety";

export const dynamic = "force-dynamic";

/** The false-negative miss rate per ISO week (missed ÷ reviewed), oldest first. */
export const GET = handler(
  { access: { permission: "outputs:review" }, query: weeksQuery },
  async ({ prisma, query }) => ({ weeks: await weeklyFnStats(prisma, query.weeks) }),
);
