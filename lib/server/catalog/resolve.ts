import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { ActionClass, Risk } from "@/lib/schemas/identity";

export type CatalogRefusal = "environment_mismatch" | "unknown_server" | "unknown_tool" | "server_suspended" | "stdio_not_allowed";

export type CatalogResolution =
  | {
      ok: true;
      server: { id: string; name: string; environment: Environment; transport: "remote_http" | "stdio"; url: string | null; status: "active" };
      tool: { id: string; name: string; action: ActionClass; risk: Risk };
    }
  | { ok: false; reason: CatalogRefusal };

/**
 * SPEC §3 step 3: the server and tool must be catalogued, active, in the token's environment.
 * A server catalogued only in another environment → environment_mismatch (a production agent never
 * reaches a development server); nowhere → unknown_server. Reads the database every call, so a
 * suspension takes effect on the next call.
 */
export async function resolveCatalogCall(
  prisma: PrismaClient,
  call: { environment: Environment; server: string; tool: string },
): Promise<CatalogResolution> {
  const server = await prisma.server.findUnique({
    where: { environment_name: { environment: call.environment, name: call.server } },
    include: { tools: { where: { name: call.tool }, take: 1 } },
  });
  if (!server) {
    const elsewhere = await prisma.server.findFirst({ where: { name: call.server }, select: { id: true } });
    return { ok: false, reason: elsewhere ? "environment_mismatch" : "unknown_server" };
  }
  if (server.transport === "stdio" && server.environment !== "development") return { ok: false, reason: "stdio_not_allowed" };
  if (server.status !== "active") return { ok: false, reason: "server_suspended" };
  const tool = server.tools[0];
  if (!tool) return { ok: false, reason: "unknown_tool" };
  return {
    ok: true,
    server: { id: server.id, name: server.name, environment: server.environment, transport: server.transport as "remote_http" | "stdio", url: server.url, status: "active" },
    tool: { id: tool.id, name: tool.name, action: tool.action as ActionClass, risk: tool.risk as Risk },
  };
}
