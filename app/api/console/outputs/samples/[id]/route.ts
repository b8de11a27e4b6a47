import { handler } from "@/lib/server/handler";
import { reviewSample, sampleDetail } from "@/lib/server/output-safety/fn-review";
import { uuidParam } from "@/lib/server/route-params";
import { sampleReviewSchema } from "@/lib/schemas/output-safety";

export const dynamic = "force-dynamic";

export const GET = handler({ access: { permission: "outputs:review" } }, async ({ prisma, params }) =>
  sampleDetail(prisma, uuidParam(params.id, "The sample")),
);

/** Mark a sampled ALLOWed output OK, or missed with the kind the classifier should have found. */
export const POST = handler(
  { access: { permission: "outputs:review" }, body: sampleReviewSchema },
  async ({ prisma, actor, params, body }) => reviewSample(prisma, actor, uuidParam(params.id, "The sample"), body),
);
