import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Environment } from "@/lib/generated/prisma/enums";
import { env } from "@/lib/env";
import type { ToolInput } from "@/lib/schemas/catalog";
import type { ActionClass, Risk } from "@/lib/schemas/identity";
import { writeAudit, type Actor, type Tx } from "../audit";
import { Conflict, NotFound, Unprocessable } from "../errors";
import { checkUrlSyntax } from "../ssrf";
import { classifyTool, type ToolAnnotations } from "./tool-defaults";
import { serverView } from "./views";

export const CATALOG_CHANGE_KIND = "catalog_change";
export const NEXT_ENVIRONMENT: Record<Environment, Environment | null> = {
  development: "staging",
  staging: "production",
  production: null,
};

/** A server entry as saved (credentials already sealed), used by create and promotion. */
export interface ServerEntry {
  name: string;
  transport: "remote_http" | "stdio";
  url: string | null;
  command: string | null;
  owner: string;
  description: string;
  credentialsEnc: string | null;
  requiresReceipt: boolean;
  tools: ToolInput[];
}

/** Every catalog change as data, so one path applies it directly or after a review (docs/operations.md#reviewed-changes). */
export type CatalogOp =
  | { op: "create"; environment: Environment; entry: ServerEntry }
  | {
      op: "update";
      serverId: string;
      patch: {
        url?: string;
        command?: string;
        owner?: string;
        description?: string;
        credentialsEnc?: string | null;
        requiresReceipt?: boolean;
      };
    }
  | { op: "set_status"; serverId: string; status: "active" | "suspended"; reason: string }
  | { op: "override_tool"; serverId: string; toolName: string; action: ActionClass; risk: Risk; reason: string }
  | { op: "sync_tools"; serverId: string; tools: ToolInput[] }
  | { op: "promote"; sourceId: string; targetEnvironment: Environment; entry: ServerEntry };

export interface ApplyMeta {
  unreviewed?: boolean;
  reviewedBy?: string;
  changeRequestId?: string;
}

/** 422 unless the transport and URL are allowed in this environment (checked again at every connection). */
export function checkEntryFor(environment: Environment, entry: Pick<ServerEntry, "transport" | "url">): void {
  if (entry.transport === "stdio") {
    if (environment !== "development") {
      throw Unprocessable(
        "stdio servers are allowed only in development.",
        [{ path: "transport", message: "stdio is allowed only in development" }],
        "stdio-not-allowed",
      );
    }
    return;
  }
  if (!entry.url)
    throw Unprocessable("A remote_http server needs a URL.", [{ path: "url", message: "required for remote_http" }]);
  const verdict = checkUrlSyntax(entry.url, { environment, allowHosts: env().SSRF_ALLOW_HOSTS });
  if (!verdict.ok)
    throw Unprocessable(
      `The SSRF guard refuses this URL: ${verdict.reason}.`,
      [{ path: "url", message: verdict.reason }],
      "ssrf-blocked",
    );
}

function toolRows(tools: ToolInput[]) {
  return tools.map((t) => {
    const cls = classifyTool({
      action: t.action,
      risk: t.risk,
      annotations: t.annotations as ToolAnnotations | undefined,
    });
    return {
      name: t.name,
      title: t.title ?? (t.annotations?.title as string | undefined) ?? null,
      description: t.description ?? "",
      action: cls.action,
      risk: cls.risk,
      annotations: (t.annotations ?? {}) as Prisma.InputJsonValue,
      inputSchema: (t.input_schema ?? undefined) as Prisma.InputJsonValue | undefined,
      overridden: cls.explicit,
      overrideReason: cls.explicit ? "set when catalogued" : null,
    };
  });
}

async function loadServer(tx: Tx, id: string) {
  const server = await tx.server.findUnique({ where: { id }, include: { tools: true } });
  if (!server) throw NotFound("The server");
  return server;
}

async function writeEntry(
  tx: Tx,
  environment: Environment,
  entry: ServerEntry,
  existingId: string | null,
  promotedFromId: string | null,
) {
  checkEntryFor(environment, entry);
  const fields = {
    transport: entry.transport,
    url: entry.url,
    command: entry.command,
    owner: entry.owner,
    description: entry.description,
    credentialsEnc: entry.credentialsEnc,
    requiresReceipt: entry.requiresReceipt,
  };
  if (existingId) {
    await tx.tool.deleteMany({ where: { serverId: existingId } });
    await tx.server.update({ where: { id: existingId }, data: { ...fields, promotedFromId } });
    await tx.tool.createMany({ data: toolRows(entry.tools).map((t) => ({ ...t, serverId: existingId })) });
    return loadServer(tx, existingId);
  }
  const created = await tx.server.create({
    data: { environment, name: entry.name, ...fields, promotedFromId, tools: { create: toolRows(entry.tools) } },
  });
  return loadServer(tx, created.id);
}

/** Applies one catalog change with its audit event, inside the caller's transaction. */
export async function applyCatalogOp(tx: Tx, op: CatalogOp, actor: Actor, meta: ApplyMeta = {}) {
  const review: Review = {
    unreviewed: meta.unreviewed ?? false,
    reviewed_by: meta.reviewedBy ?? null,
    change_request_id: meta.changeRequestId ?? null,
  };
  switch (op.op) {
    case "create":
      return createServer(tx, op, actor, review);
    case "update":
      return updateServer(tx, op, actor, review);
    case "set_status":
      return setServerStatus(tx, op, actor, review);
    case "override_tool":
      return overrideTool(tx, op, actor, review);
    case "sync_tools":
      return syncTools(tx, op, actor, review);
    case "promote":
      return promoteServer(tx, op, actor, review);
  }
}

type OpOf<K extends CatalogOp["op"]> = Extract<CatalogOp, { op: K }>;
/** How the change was made (directly, or after a review), recorded in every catalog audit event. */
interface Review {
  unreviewed: boolean;
  reviewed_by: string | null;
  change_request_id: string | null;
}

/** A new server in an environment (its name must be free there). */
async function createServer(tx: Tx, op: OpOf<"create">, actor: Actor, review: Review) {
  if (
    await tx.server.findUnique({
      where: { environment_name: { environment: op.environment, name: op.entry.name } },
    })
  ) {
    throw Conflict(`A server named ${op.entry.name} is already catalogued in ${op.environment}.`, "already-exists");
  }
  const server = await writeEntry(tx, op.environment, op.entry, null, null);
  await writeAudit(tx, {
    actor,
    action: "catalog.server.create",
    target: { type: "server", id: server.id },
    environment: server.environment,
    data: {
      name: server.name,
      transport: server.transport,
      url: server.url,
      requires_receipt: server.requiresReceipt,
      tools: server.tools.map((t) => `${t.name}:${t.action}/${t.risk}`),
      ...review,
    },
  });
  return serverView(server);
}

/** Edits a server's entry; the audit lists each change (a credential only as "changed"). */
async function updateServer(tx: Tx, op: OpOf<"update">, actor: Actor, review: Review) {
  const before = await loadServer(tx, op.serverId);
  const next = { transport: before.transport as ServerEntry["transport"], url: op.patch.url ?? before.url };
  checkEntryFor(before.environment, next);
  await tx.server.update({ where: { id: op.serverId }, data: op.patch });
  const server = await loadServer(tx, op.serverId);
  const changes = Object.fromEntries(
    Object.keys(op.patch).map((k) => [
      k,
      k === "credentialsEnc"
        ? "changed"
        : { from: before[k as keyof typeof before], to: server[k as keyof typeof server] },
    ]),
  );
  await writeAudit(tx, {
    actor,
    action: "catalog.server.update",
    target: { type: "server", id: server.id },
    environment: server.environment,
    data: { name: server.name, changes, ...review },
  });
  return serverView(server);
}

/** Suspends or reactivates a server. */
async function setServerStatus(tx: Tx, op: OpOf<"set_status">, actor: Actor, review: Review) {
  const before = await loadServer(tx, op.serverId);
  await tx.server.update({ where: { id: op.serverId }, data: { status: op.status, statusReason: op.reason } });
  const server = await loadServer(tx, op.serverId);
  await writeAudit(tx, {
    actor,
    action: op.status === "suspended" ? "catalog.server.suspend" : "catalog.server.activate",
    target: { type: "server", id: server.id },
    environment: server.environment,
    data: { name: server.name, from: before.status, to: op.status, reason: op.reason, ...review },
  });
  return serverView(server);
}

/** A policy author's class and risk for one tool, kept across rediscovery. */
async function overrideTool(tx: Tx, op: OpOf<"override_tool">, actor: Actor, review: Review) {
  const server = await loadServer(tx, op.serverId);
  const tool = server.tools.find((t) => t.name === op.toolName);
  if (!tool) throw NotFound("The tool");
  await tx.tool.update({
    where: { id: tool.id },
    data: { action: op.action, risk: op.risk, overridden: true, overrideReason: op.reason },
  });
  await writeAudit(tx, {
    actor,
    action: "catalog.tool.override",
    target: { type: "tool", id: tool.id },
    environment: server.environment,
    data: {
      server: server.name,
      tool: tool.name,
      from: { action: tool.action, risk: tool.risk },
      to: { action: op.action, risk: op.risk },
      reason: op.reason,
      ...review,
    },
  });
  return serverView(await loadServer(tx, op.serverId));
}

/** The upstream's tools as discovered: removed, added or refreshed (overrides survive). */
async function syncTools(tx: Tx, op: OpOf<"sync_tools">, actor: Actor, review: Review) {
  const server = await loadServer(tx, op.serverId);
  const changes = diffTools(server.tools, op.tools);
  const byName = new Map(server.tools.map((t) => [t.name, t]));
  const wanted = new Set(op.tools.map((t) => t.name));
  await tx.tool.deleteMany({ where: { serverId: server.id, name: { notIn: [...wanted] } } });
  for (const row of toolRows(op.tools)) {
    const existing = byName.get(row.name);
    if (!existing) await tx.tool.create({ data: { ...row, serverId: server.id } });
    else {
      // A policy author's override survives rediscovery; the upstream's description and hints are refreshed.
      const keep = existing.overridden
        ? {
            action: existing.action,
            risk: existing.risk,
            overridden: true,
            overrideReason: existing.overrideReason,
          }
        : {};
      await tx.tool.update({ where: { id: existing.id }, data: { ...row, ...keep } });
    }
  }
  await writeAudit(tx, {
    actor,
    action: "catalog.tools.sync",
    target: { type: "server", id: server.id },
    environment: server.environment,
    data: { name: server.name, changes, ...review },
  });
  return serverView(await loadServer(tx, op.serverId));
}

/** Copies an entry to the next environment, replacing a server of the same name there. */
async function promoteServer(tx: Tx, op: OpOf<"promote">, actor: Actor, review: Review) {
  const existing = await tx.server.findUnique({
    where: { environment_name: { environment: op.targetEnvironment, name: op.entry.name } },
  });
  const server = await writeEntry(tx, op.targetEnvironment, op.entry, existing?.id ?? null, op.sourceId);
  await writeAudit(tx, {
    actor,
    action: "catalog.server.promote",
    target: { type: "server", id: server.id },
    environment: op.targetEnvironment,
    data: {
      name: server.name,
      from_server_id: op.sourceId,
      replaced: !!existing,
      tools: server.tools.map((t) => `${t.name}:${t.action}/${t.risk}`),
      ...review,
    },
  });
  return serverView(server);
}

export interface ToolChange {
  type: "added" | "removed" | "changed";
  tool: string;
  before?: { action: string; risk: string; description: string; annotations: unknown };
  after?: { action: string; risk: string; description: string; annotations: unknown };
  fields?: string[];
}

/** What saving these tools would change, in the catalog's words (class and risk after defaults and overrides). */
export function diffTools(
  current: {
    name: string;
    action: string;
    risk: string;
    description: string;
    annotations: unknown;
    overridden: boolean;
  }[],
  next: ToolInput[],
): ToolChange[] {
  const byName = new Map(current.map((t) => [t.name, t]));
  const changes: ToolChange[] = [];
  const rows = toolRows(next);
  for (const row of rows) {
    const old = byName.get(row.name);
    const after = {
      action: old?.overridden ? old.action : row.action,
      risk: old?.overridden ? old.risk : row.risk,
      description: row.description,
      annotations: row.annotations,
    };
    if (!old) {
      changes.push({ type: "added", tool: row.name, after });
      continue;
    }
    const before = { action: old.action, risk: old.risk, description: old.description, annotations: old.annotations };
    const fields = (["action", "risk", "description", "annotations"] as const).filter(
      (f) => stableJson(before[f]) !== stableJson(after[f]),
    );
    if (fields.length) changes.push({ type: "changed", tool: row.name, before, after, fields });
  }
  const names = new Set(rows.map((r) => r.name));
  for (const old of current)
    if (!names.has(old.name))
      changes.push({
        type: "removed",
        tool: old.name,
        before: { action: old.action, risk: old.risk, description: old.description, annotations: old.annotations },
      });
  return changes.sort((a, b) => a.tool.localeCompare(b.tool));
}

/** JSON with sorted keys: JSONB does not keep the key order it was given. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The environment a change lands in (for the review rule) and a title for the reviewers. */
export async function describeOp(tx: Tx, op: CatalogOp): Promise<{ environment: Environment; title: string }> {
  if (op.op === "create")
    return { environment: op.environment, title: `Catalog ${op.entry.name} in ${op.environment}` };
  if (op.op === "promote")
    return { environment: op.targetEnvironment, title: `Promote ${op.entry.name} to ${op.targetEnvironment}` };
  const server = await loadServer(tx, op.serverId);
  const titles = {
    update: `Update ${server.name}`,
    set_status: `${op.op === "set_status" && op.status === "suspended" ? "Suspend" : "Activate"} ${server.name}`,
    override_tool: `Reclassify ${server.name}/${op.op === "override_tool" ? op.toolName : ""}`,
    sync_tools: `Save discovered tools of ${server.name}`,
  };
  return { environment: server.environment, title: `${titles[op.op]} in ${server.environment}` };
}
