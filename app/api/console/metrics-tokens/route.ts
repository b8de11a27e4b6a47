import { handler } from "@/lib/server/handler";
import { createMetricsToken, listMetricsTokens } from "@/lib/server/metrics/metrics-tokens";
import { createMetricsTokenSchema } from "@/lib/schemas/metrics";

export const GET = handler({ access: { permission: "metrics_tokens:manage" } }, async ({ prisma }) => ({
  tokens: await listMetricsTokens(prisma),
}));

/** {name, environment?} → {id, token}: the token is shown once and stored hashed. */
export const POST = handler(
  { access: { permission: "metrics_tokens:manage" }, body: createMetricsTokenSchema },
  async ({ prisma, actor, body }) => Response.json(await createMetricsToken(prisma, actor, body), { status: 201 }),
);
