import { handler } from "@/lib/server/handler";
import { NotFound } from "@/lib/server/errors";
import { getRunbookRevision } from "@/lib/server/operations/runbooks";

export const GET = handler({ access: { permission: "dashboard:read" } }, async ({ prisma, params }) => {
  const version = Number(params.version);
  if (
    !params.slug ||
    !/^[a-z0-9-]{1,80}$/.test(params.slug) ||
    !Number.isInteger(version) ||
    version < 1 ||
    version > 1_000_000
  )
    throw NotFound("That runbook version");
  return getRunbookRevision(prisma, params.slug, version);
});
