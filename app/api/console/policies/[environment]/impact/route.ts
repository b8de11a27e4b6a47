import { z } from "zod";
import { handler } from "@/lib/server/handler";
import { policyImpact } from "@/lib/server/policies/impact";
import { environmentParam } from "@/lib/server/policies/route-params";
import { simulateCallSchema } from "@/lib/schemas/policies";

const impactSchema = z.object({ policy: z.string().max(1_100_000), calls: z.array(simulateCallSchema).min(1).max(10_000) }).strict();

export const POST = handler({ access: { permission: "policies:read" }, body: impactSchema, maxBodyBytes: 5_000_000 }, async ({ prisma, params, body }) =>
  policyImpact(prisma, environmentParam(params.environment), body.policy, body.calls),
);
