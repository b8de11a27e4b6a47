import { withDb } from "@/lib/server/identity/public-route";
import { activeSigningKey, jwks } from "@/lib/server/identity/signing-keys";

export const dynamic = "force-dynamic";

/** The issuer's public keys: the active key and retired keys whose tokens may not have expired yet. */
export const GET = () =>
  withDb(async (prisma) => {
    await activeSigningKey(prisma);
    return Response.json(await jwks(prisma), { headers: { "cache-control": "public, max-age=60" } });
  });
