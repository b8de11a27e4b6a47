import type { Prisma } from "@/lib/generated/prisma/client";
import { handler } from "@/lib/server/handler";
import { auditQuerySchema } from "@/lib/schemas/audit";

export const GET = handler({ access: { permission: "audit:read" }, query: auditQuerySchema }, async ({ prisma, query }) => {
  const where: Prisma.AuditEventWhereInput = {
    ...(query.before ? { seq: { lt: BigInt(query.before) } } : {}),
    ...(query.action ? { action: { startsWith: query.action } } : {}),
    ...(query.q
      ? { OR: [{ actorLabel: { contains: query.q, mode: "insensitive" } }, { action: { contains: query.q, mode: "insensitive" } }, { targetId: query.q }] }
      : {}),
  };
  const rows = await prisma.auditEvent.findMany({ where, orderBy: { seq: "desc" }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    events: page.map((e) => ({ ...e, seq: String(e.seq) })),
    next_before: rows.length > query.limit ? String(page[page.length - 1].seq) : null,
  };
});
