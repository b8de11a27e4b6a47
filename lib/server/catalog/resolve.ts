import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { ActionClass, Risk } from "@/lib/schemas/identity";
import { lookupCatalog } from "./catalog-view";

export type CatalogRefusal =
  | "environment_mismatch"
  | "unknown_server"
  | "unknown_tool"
  | "server_suspended"
  | "stdio_not_allowed";

export type CatalogResolution =
  | {
      ok: true;
      server: {
        id: string;
        name: string;
        environment: Environment;
        transport: "remote_http" | "stdio";
        url: string | null;
        status: "active";
      };
      tool: { id: string; name: string; action: ActionClass; risk: Risk };
    }
  | { ok: false; reason: CatalogRefusal };

/**
 * docs/order-of-checks.md#3-catalog-and-environment: the server and tool must be catalogued, active, in the token's environment.
 * A server catalogued only in another environment → environment_mismatch (a production agent never
 * reaches a development server); nowhere → unknown_server. Served from the catalog view
 * (lib/server/catalog/catalog-view.ts), re-validated against the catalog's change stamp.
 */
export async function resolveCatalogCall(
  prisma: PrismaClient,
  call: { environment: Environment; server: string; tool: string },
): Promise<CatalogResolution> {
  // maxAge 0: re-check the catalog's change stamp now (the decision path accepts ≤ 1 s).
  const found = await lookupCatalog(prisma, call.environment, call.server, call.tool, 0);
  if (!found.ok) return { ok: false, reason: found.reason };
  const { server, tool } = found;
  return {
    ok: true,
    server: {
      id: server.id,
      name: server.name,
      environment: server.environment,
      transport: server.transport as "remote_http" | "stdio",
      url: server.url,
      status: "active",
    },
    tool: { id: tool.id, name: tool.name, action: tool.action, risk: tool.risk },
  };
}
