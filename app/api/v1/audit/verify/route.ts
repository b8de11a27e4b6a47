import { verifyAuditChain } from "@/lib/server/audit";
import { handler } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

export const GET = handler({ access: { permission: "audit:verify" } }, async ({ prisma }) => {
  const result = await verifyAuditChain(prisma);
  return { ok: result.ok, checked: result.checked, head: result.head, break: result.break ?? null, verified_at: new Date().toISOString() };
});
