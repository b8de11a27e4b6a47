import { handler } from "@/lib/server/handler";
import { environmentParam } from "@/lib/server/policies/route-params";
import { simulate } from "@/lib/server/policies/simulate";
import { simulateBodySchema } from "@/lib/schemas/policies";

export const POST = handler(
  { access: { permission: "policies:read" }, body: simulateBodySchema, maxBodyBytes: 2_000_000 },
  async ({ prisma, params, body }) => simulate(prisma, environmentParam(params.environment), body),
);
