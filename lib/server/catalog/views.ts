import "server-only";
import type { Server, Tool } from "@/lib/generated/prisma/client";

export function toolView(t: Tool) {
  return {
    id: t.id,
    name: t.name,
    title: t.title,
    description: t.description,
    action: t.action,
    risk: t.risk,
    annotations: t.annotations,
    overridden: t.overridden,
    override_reason: t.overrideReason,
  };
}
export type ToolView = ReturnType<typeof toolView>;

export function serverView(s: Server & { tools?: Tool[] }) {
  return {
    id: s.id,
    environment: s.environment,
    name: s.name,
    transport: s.transport,
    url: s.url,
    command: s.command,
    owner: s.owner,
    description: s.description,
    status: s.status,
    status_reason: s.statusReason,
    has_credentials: !!s.credentialsEnc,
    requires_receipt: s.requiresReceipt,
    promoted_from_id: s.promotedFromId,
    created_at: s.createdAt.toISOString(),
    updated_at: s.updatedAt.toISOString(),
    tools: (s.tools ?? [])
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(toolView),
  };
}
export type ServerView = ReturnType<typeof serverView>;
