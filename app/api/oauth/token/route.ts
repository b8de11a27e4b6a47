import { tokenEndpoint } from "@/lib/server/identity/token-endpoint";
import { withDb } from "@/lib/server/identity/public-route";

export const dynamic = "force-dynamic";

/** Built-in authorization server: client_credentials → ES256 `at+jwt` access token (docs/agent-api.md#tokens). */
export const POST = (req: Request) => withDb((prisma) => tokenEndpoint(prisma, req));
