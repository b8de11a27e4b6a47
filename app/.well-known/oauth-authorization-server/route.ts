import { authorizationServerMetadata } from "@/lib/server/identity/metadata";

export const dynamic = "force-dynamic";

/** RFC 8414 metadata of the built-in issuer. */
export function GET() {
  return Response.json(authorizationServerMetadata(), { headers: { "cache-control": "public, max-age=300" } });
}
