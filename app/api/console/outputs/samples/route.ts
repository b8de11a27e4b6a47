import { handler } from "@/lib/server/handler";
import { listSamples, missableKinds } from "@/lib/server/output-safety/fn-review";
import { weekQuery } from "@/lib/schemas/output-safety";

export const dynamic = "force-dynamic";

/** One ISO week's false-negative sample (default: this week), its review status and the kinds a miss can name. */
export const GET = handler(
  { access: { permission: "outputs:review" }, query: weekQuery },
  async ({ prisma, query }) => ({
    ...(await listSamples(prisma, query.week)),
    kinds: await missableKinds(prisma),
  }),
);
