import { isProtectedResourcePath, protectedResourceMetadata } from "@/lib/server/identity/metadata";
import { withDb } from "@/lib/server/identity/public-route";

export const dynamic = "force-dynamic";

/** RFC 9728 metadata for the console and each path under it (`/.well-known/oauth-protected-resource/<path>`). */
export async function GET(_req: Request, ctx: { params: Promise<{ path?: string[] }> }) {
  const segments = (await ctx.params).path ?? [];
  const path = segments.length ? `/${segments.join("/")}` : "";
  if (!isProtectedResourcePath(path)) {
    return Response.json(
      { error: "not_found", error_description: "No protected resource at this path." },
      { status: 404 },
    );
  }
  return withDb(async (prisma) =>
    Response.json(await protectedResourceMetadata(prisma, path), {
      headers: { "cache-control": "public, max-age=60" },
    }),
  );
}
