import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { CreateServerInput, UpdateServerInput } from "@/lib/schemas/catalog";
import { Unprocessable, NotFound } from "../errors";
import { sealJson } from "../crypto-box";
import { checkEntryFor, NEXT_ENVIRONMENT, type CatalogOp, type ServerEntry } from "./operations";
import { serverView } from "./views";

export const CREDENTIALS_PURPOSE = "server-credentials";

export async function listServers(prisma: PrismaClient, environment?: Environment) {
  const rows = await prisma.server.findMany({
    where: environment ? { environment } : {},
    include: { tools: true },
    orderBy: [{ environment: "asc" }, { name: "asc" }],
  });
  return rows.map(serverView);
}

export async function getServer(prisma: PrismaClient, id: string) {
  const server = await prisma.server.findUnique({ where: { id }, include: { tools: true } });
  if (!server) throw NotFound("The server");
  return serverView(server);
}

export function sealCredentials(credentials: { headers: Record<string, string> } | null | undefined): string | null {
  return credentials ? sealJson(credentials, CREDENTIALS_PURPOSE) : null;
}

/** Builds the create operation; URL, transport and environment are judged before anything is stored. */
export function createServerOp(input: CreateServerInput): CatalogOp {
  const entry: ServerEntry = {
    name: input.name,
    transport: input.transport,
    url: input.transport === "remote_http" ? (input.url ?? null) : null,
    command: input.transport === "stdio" ? (input.command ?? null) : null,
    owner: input.owner,
    description: input.description,
    credentialsEnc: sealCredentials(input.credentials),
    requiresReceipt: input.requires_receipt,
    tools: input.tools,
  };
  checkEntryFor(input.environment, entry);
  return { op: "create", environment: input.environment, entry };
}

export function updateServerOp(serverId: string, input: UpdateServerInput): CatalogOp {
  const { credentials, requires_receipt, ...rest } = input;
  return {
    op: "update",
    serverId,
    patch: {
      ...rest,
      ...(credentials !== undefined ? { credentialsEnc: sealCredentials(credentials) } : {}),
      ...(requires_receipt !== undefined ? { requiresReceipt: requires_receipt } : {}),
    },
  };
}

/** Promotion copies the entry and its tools (with their class, risk and overrides) one environment up. */
export async function promoteServerOp(prisma: PrismaClient, sourceId: string): Promise<CatalogOp> {
  const source = await prisma.server.findUnique({ where: { id: sourceId }, include: { tools: true } });
  if (!source) throw NotFound("The server");
  const target = NEXT_ENVIRONMENT[source.environment];
  if (!target)
    throw Unprocessable("Production is the last environment; there is nothing to promote to.", [], "cannot-promote");
  const entry: ServerEntry = {
    name: source.name,
    transport: source.transport as ServerEntry["transport"],
    url: source.url,
    command: source.command,
    owner: source.owner,
    description: source.description,
    credentialsEnc: source.credentialsEnc,
    requiresReceipt: source.requiresReceipt,
    tools: source.tools.map((t) => ({
      name: t.name,
      ...(t.title ? { title: t.title } : {}),
      description: t.description,
      action: t.action as "read" | "write" | "admin",
      risk: t.risk as "low" | "medium" | "high",
      annotations: t.annotations as Record<string, unknown>,
      ...(t.inputSchema ? { input_schema: t.inputSchema as Record<string, unknown> } : {}),
    })),
  };
  checkEntryFor(target, entry);
  return { op: "promote", sourceId, targetEnvironment: target, entry };
}
