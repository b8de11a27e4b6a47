import { z } from "zod";
import { handler } from "@/lib/server/handler";
import { Unprocessable } from "@/lib/server/errors";
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
    const calls = body.calls ?? (await auditedCalls(prisma, environment, body.days!));
    if (calls.length === 0)
      throw Unprocessable(
        `No audited calls in ${environment} in the last ${body.days} days to replay.`,
        [{ path: "days", message: "no calls in this range" }],
        "nothing-to-replay",
      );
    return { source: body.calls ? "given" : "audit", ...(await policyImpact(prisma, environment, body.policy, calls)) };
  },
);
