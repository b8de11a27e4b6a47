import { handler } from "@/lib/server/handler";
import { NotFound } from "@/lib/server/errors";
import { getSnapshot } from "@/lib/server/policies/policy-store";
import { environmentParam } from "@/lib/server/policies/route-params";

export const GET = handler({ access: { permission: "policies:read" } }, async ({ prisma, params }) => {
  const version = Number(params.version);
  if (!Number.isSafeInteger(version) || version < 1) throw NotFound("That policy version");
  return getSnapshot(prisma, environmentParam(params.environment), version);
});
