import { z } from "zod";
import { NotFound } from "@/lib/server/errors";
import { handler } from "@/lib/server/handler";
import { revokeMetricsToken } from "@/lib/server/metrics/metrics-tokens";

export const POST = handler({ access: { permission: "metrics_tokens:manage" } }, async ({ prisma, actor, params }) => {
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw NotFound("The metrics token");
  return revokeMetricsToken(prisma, actor, id.data);
});
