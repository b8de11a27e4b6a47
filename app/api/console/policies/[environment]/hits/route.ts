import { z } from "zod";
import { handler } from "@/lib/server/handler";
import { ruleHits } from "@/lib/server/policies/impact";
import { environmentParam } from "@/lib/server/policies/route-params";

export const GET = handler(
  {
    access: { permission: "policies:read" },
    query: z.object({ days: z.coerce.number().int().min(1).max(90).default(7) }),
  },
  async ({ prisma, params, query }) => ruleHits(prisma, environmentParam(params.environment), query.days),
);
