import { z } from "zod";
import { serializePolicy, type Policy } from "@/lib/policy";
import { handler } from "@/lib/server/handler";
import { policyOverview, saveDraft } from "@/lib/server/policies/policy-store";
import { publishPolicy } from "@/lib/server/policies/publish";
import { environmentParam } from "@/lib/server/policies/route-params";
import { policyPutJsonSchema, publishQuerySchema } from "@/lib/schemas/policies";

const YAML_TYPES = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"];

export const GET = handler(
  { access: { permission: "policies:read" }, query: z.object({ draft: z.enum(["true", "false"]).optional() }) },
  async ({ prisma, params, req, query }) => {
    const environment = environmentParam(params.environment);
    const overview = await policyOverview(prisma, environment);
    if (/\b(application|text)\/(x-)?yaml\b/.test(req.headers.get("accept") ?? "")) {
      const source = query.draft === "true" || !overview.current ? overview.draft.source : overview.current.source;
      return new Response(source, {
        headers: {
          "content-type": "application/yaml; charset=utf-8",
          "cache-control": "no-store",
          ...(overview.current ? { etag: `"${overview.current.hash}"` } : {}),
        },
      });
    }
    return overview;
  },
);

export const PUT = handler(
  {
    access: { permission: "policies:write" },
    query: publishQuerySchema,
    body: z.union([z.string(), policyPutJsonSchema]),
    textTypes: YAML_TYPES,
    maxBodyBytes: 1_100_000,
  },
  async ({ prisma, principal, actor, params, query, body }) => {
    const environment = environmentParam(params.environment);
    const source =
      typeof body === "string"
        ? body
        : "source" in body && typeof body.source === "string"
          ? body.source
          : serializePolicy(body as unknown as Policy);
    const publish = query.publish || (typeof body === "object" && "publish" in body && body.publish === true);
    const message =
      query.message ??
      (typeof body === "object" && "message" in body && typeof body.message === "string" ? body.message : "");
    if (!publish) {
      const parsed = await saveDraft(prisma, principal, actor, environment, source);
      return { status: "draft_saved", environment, hash: parsed.hash, rules: parsed.policy.rules.length };
    }
    const outcome = await publishPolicy(prisma, principal, actor, environment, { source, message });
    return Response.json({ environment, ...outcome }, { status: outcome.status === "published" ? 200 : 202 });
  },
);
