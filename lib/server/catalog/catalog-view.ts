import "server-only";
import { processSingleton } from "../singleton";
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

export type CatalogRefusal =
  | "environment_mismatch"
  | "unknown_server"
  | "unknown_tool"
  | "server_suspended"
  | "stdio_not_allowed";

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

// One view per database client (tests open several), shared by every bundle in the process.
const catalogViews = processSingleton("catalogViews", () => ({
  byClient: new WeakMap<PrismaClient, { view?: View; loading?: Promise<View> }>(),
}));
const views = () => catalogViews.byClient;

function slot(prisma: PrismaClient) {
  let s = views().get(prisma);
  if (!s) views().set(prisma, (s = {}));
  return s;
}

async function load(prisma: PrismaClient, now: number, previous: View | undefined): Promise<View> {
  const [stampRow] = await prisma.$queryRawUnsafe<{ s: string }[]>(
    `SELECT concat_ws('|', (SELECT max("updatedAt") FROM servers), (SELECT count(*) FROM servers), (SELECT max("updatedAt") FROM tools), (SELECT count(*) FROM tools)) AS s`,
  );
  const stamp = String(stampRow?.s ?? "");
  if (previous && previous.stamp === stamp) return { ...previous, checkedAt: now };
  const servers = await prisma.server.findMany({
    include: { tools: { select: { id: true, name: true, action: true, risk: true } } },
  });
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
      tools: new Map(
        s.tools.map((t) => [t.name, { id: t.id, name: t.name, action: t.action as ActionClass, risk: t.risk as Risk }]),
      ),
    };
    byEnvAndName.set(`${s.environment}\u0000${s.name}`, entry);
    byName.set(s.name, [...(byName.get(s.name) ?? []), entry]);
  }
  return { checkedAt: now, stamp, byEnvAndName, byName };
}

async function view(prisma: PrismaClient, maxAgeMs: number, now = Date.now()): Promise<View> {
  const s = slot(prisma);
  if (s.view && now - s.view.checkedAt < maxAgeMs) return s.view;
  s.loading ??= load(prisma, now, s.view).finally(() => {
    s.loading = undefined;
  });
  s.view = await s.loading;
  return s.view;
}

/**
 * docs/order-of-checks.md#3-catalog-and-environment: the server and tool must be catalogued, active, in the token's environment.
 * A server catalogued only elsewhere is `environment_mismatch` (its tool is returned so the
 * caller still knows the class for the scope check); stdio only in development.
 */
export async function lookupCatalog(
  prisma: PrismaClient,
  environment: Environment,
  serverName: string,
  toolName: string,
  maxAgeMs = CATALOG_REFRESH_MS,
): Promise<CatalogLookup> {
  const v = await view(prisma, maxAgeMs);
  const server = v.byEnvAndName.get(`${environment}\u0000${serverName}`);
  if (!server) {
    const elsewhere = v.byName.get(serverName)?.[0];
    if (elsewhere)
      return { ok: false, reason: "environment_mismatch", server: elsewhere, tool: elsewhere.tools.get(toolName) };
    return { ok: false, reason: "unknown_server" };
  }
  const tool = server.tools.get(toolName);
  // Server-level refusals first: they hold whatever tool is asked for.
  if (server.transport === "stdio" && environment !== "development")
    return { ok: false, reason: "stdio_not_allowed", server, tool };
  if (server.status !== "active") return { ok: false, reason: "server_suspended", server, tool };
  if (!tool) return { ok: false, reason: "unknown_tool", server };
  return { ok: true, server, tool };
}

/** Forgets the cached view of one database client, or of all of them. */
export function invalidateCatalogView(prisma?: PrismaClient): void {
  if (prisma) views().delete(prisma);
  else catalogViews.byClient = new WeakMap();
}
