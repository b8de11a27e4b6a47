import { handler } from "@/lib/server/handler";
import { verifyChains } from "@/lib/server/audit-search/verify";

export const dynamic = "force-dynamic";

/** Recomputes both hash chains (audit events and decisions) and names the first broken link. */
export const GET = handler({ access: { permission: "audit:verify" } }, async ({ prisma }) => verifyChains(prisma));
