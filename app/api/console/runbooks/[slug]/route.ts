import { handler } from "@/lib/server/handler";
import { getRunbook, saveRunbook } from "@/lib/server/operations";
import { NotFound } from "@/lib/server/errors";
import { runbookUpdateSchema } from "@/lib/schemas/operations";

function slugParam(value: string | undefined): string {
  if (!value || !/^[a-z0-9-]{1,80}$/.test(value)) throw NotFound("The runbook");
  return value;
}

export const GET = handler({ access: { permission: "dashboard:read" } }, async ({ prisma, params }) =>
  getRunbook(prisma, slugParam(params.slug)),
);

/** Admins edit runbooks (markdown, rendered without raw HTML); each save is a new version and counts as a review. */
export const PUT = handler(
  { access: { permission: "operations:manage" }, body: runbookUpdateSchema, maxBodyBytes: 200_000 },
  async ({ prisma, actor, params, body }) => saveRunbook(prisma, actor, slugParam(params.slug), body),
);
