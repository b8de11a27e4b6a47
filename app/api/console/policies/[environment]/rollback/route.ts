import { handler } from "@/lib/server/handler";
import { rollbackPolicy } from "@/lib/server/policies/publish";
import { environmentParam } from "@/lib/server/policies/route-params";
import { rollbackBodySchema } from "@/lib/schemas/policies";

export const POST = handler(
  { access: { permission: "policies:write" }, body: rollbackBodySchema },
  async ({ prisma, principal, actor, params, body }) => {
    const outcome = await rollbackPolicy(
      prisma,
      principal,
      actor,
      environmentParam(params.environment),
      body.version,
      body.message,
    );
    return Response.json(outcome, { status: outcome.status === "published" ? 200 : 202 });
  },
);
