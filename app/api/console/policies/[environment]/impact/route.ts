import { z } from "zod";
import { handler } from "@/lib/server/handler";
import { auditedCalls, policyImpact } from "@/lib/server/policies/impact";
import { environmentParam } from "@/lib/server/policies/route-params";
import { simulateCallSchema } from "@/lib/schemas/policies";

/** Replay either the given calls or the audited calls of the last `days` days. */
const impactSchema = z
  .object({
    policy: z.string().max(1_100_000),
    calls: z.array(simulateCallSchema).min(1).max(10_000).optional(),
    days: z.number().int().min(1).max(90).optional(),
  })
  .strict()
  .refine((b) => (b.calls === undefined) !== (b.days === undefined), "give either calls or days");

export const POST = handler(
  { access: { permission: "policies:read" }, body: impactSchema, maxBodyBytes: 5_000_000 },
  async ({ prisma, params, body }) => {
    const environment = environmentParam(params.environment);
    // No audited calls is an answer (total 0), not an error: the publish dialog and every review
    // ask for the replay on their own, and an environment before go-live has nothing to replay.
    const calls = body.calls ?? (await auditedCalls(prisma, environment, body.days!));
    return { source: body.calls ? "given" : "audit", ...(await policyImpact(prisma, environment, body.policy, calls)) };
  },
);
