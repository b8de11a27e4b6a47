import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ActionClass, Environment, Risk } from "@/lib/policy";

export interface CatalogTool {
  id: string;
  name: string;
  action: ActionClass;
  risk: Risk;
}

export interface CatalogServer {
  id: string;
  name: string;
  environment: Environment;
  transport: string;
  url: string | null;
  status: string;
  tools: Map<string, CatalogTool>;
}

export type CatalogRefusal = "environment_mismatch" | "unknown_server" | "unknown_tool" | "server_suspended" | "stdio_not_allowed";

export type CatalogLookup =
  | { ok: true; server: CatalogServer; tool: CatalogTool }
  | { ok: false; reason: CatalogRefusal; server?: CatalogServer; tool?: CatalogTool };

interface View {
  checkedAt: number;
  stamp: string;
  byEnvAndName: Map<string, CatalogServer>;
  byName: Map<string, CatalogServer[]>;
}

/** How stale the in-memory catalog may be: a suspension applies on every process within a second. */
export const CATALOG_REFRESH_MS = 1_000;

const holder = globalThis as unknown as { __catalogView?: View; __catalogLoading?: Promise<View> };

async function load(prisma: PrismaClient, now: number): Promise<View> {
  const [stampRow] = await prisma.$queryRawUnsafe<{ s: string }[]>(
    `SELECT concat_ws('|', (SELECT max("updatedAt") FROM servers), (SELECT count(*) FROM servers), (SELECT max("updatedAt") FROM tools), (SELECT count(*) FROM tools)) AS s`,
  );
  const stamp = String(stampRow?.s ?? "");
  const previous = holder.__catalogView;
  if (previous && previous.stamp === stamp) return { ...previous, checkedAt: now };
  const servers = await prisma.server.findMany({ include: { tools: { select: { id: true, name: true, action: true, risk: true } } } });
  const byEnvAndName = new Map<string, CatalogServer>();
  const byName = new Map<string, CatalogServer[]>();
  for (const s of servers) {
    const entry: CatalogServer = {
      id: s.id,
      name: s.name,
      environment: s.environment as Environment,
      transport: s.transport,
      url: s.url,
      status: s.status,
      tools: new Map(s.tools.map((t) => [t.name, { id: t.id, name: t.name, action: t.action as ActionClass, risk: t.risk as Risk }])),
    };
    byEnvAndName.set(`${s.environment}\u0000${s.name}`, entry);
    byName.set(s.name, [...(byName.get(s.name) ?? []), entry]);
  }
  return { checkedAt: now, stamp, byEnvAndName, byName };
}

async function view(prisma: PrismaClient, now = Date.now()): Promise<View> {
  const cached = holder.__catalogView;
  if (cached && now - cached.checkedAt < CATALOG_REFRESH_MS) return cached;
  holder.__catalogLoading ??= load(prisma, now).finally(() => {
    holder.__catalogLoading = undefined;
  });
  holder.__catalogView = await holder.__catalogLoading;
  return holder.__catalogView;
}

/**
 * SPEC §3 step 3: the server and tool must be catalogued, active, in the token's environment.
 * A server catalogued only elsewhere is `environment_mismatch` (its tool is returned so the
 * caller still knows the class for the scope check); stdio only in development.
 */
export async function lookupCatalog(prisma: PrismaClient, environment: Environment, serverName: string, toolName: string): Promise<CatalogLookup> {
  const v = await view(prisma);
  const server = v.byEnvAndName.get(`${environment}\u0000${serverName}`);
  if (!server) {
    const elsewhere = v.byName.get(serverName)?.[0];
    if (elsewhere) return { ok: false, reason: "environment_mismatch", server: elsewhere, tool: elsewhere.tools.get(toolName) };
    return { ok: false, reason: "unknown_server" };
  }
  const tool = server.tools.get(toolName);
  if (!tool) return { ok: false, reason: "unknown_tool", server };
  if (server.status !== "active") return { ok: false, reason: "server_suspended", server, tool };
  if (server.transport === "stdio" && environment !== "development") return { ok: false, reason: "stdio_not_allowed", server, tool };
  return { ok: true, server, tool };
}

export function invalidateCatalogView(): void {
  holder.__catalogView = undefined;
}
