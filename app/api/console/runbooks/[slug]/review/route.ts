import { handler } from "@/lib/server/handler";
import { markRunbookReviewed } from "@/lib/server/operations";
import { NotFound } from "@/lib/server/errors";

/** "Reviewed, still correct": stamps the review date without a new version. */
export const POST = handler({ access: { permission: "operations:manage" } }, async ({ prisma, actor, params }) => {
  if (!params.slug || !/^[a-z0-9-]{1,80}$/.test(params.slug)) throw NotFound("The runbook");
  return markRunbookReviewed(prisma, actor, params.slug);
});
