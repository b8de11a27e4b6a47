import { auditVerifyQuery } from "@/lib/schemas/audit";
import { startVerification, verifyChains, viewOf } from "@/lib/server/audit-verify/shared-runs";
import { handler } from "@/lib/server/handler";

export const dynamic = "force-dynamic";

/**
 * Verifies both hash chains (audit events and decisions) and names the first broken link:
 * incremental after each chain's signed checkpoint, or from the first record with `?full=1`.
 * The hashing runs in a worker thread; concurrent calls share one run.
 */
export const GET = handler(
  { access: { permission: "audit:verify" }, query: auditVerifyQuery },
  async ({ prisma, query }) => verifyChains(prisma, { full: query.full }),
);

/** Starts (or joins) a run without waiting: 202 with its progress; follow it at ./progress?run_id=. */
export const POST = handler(
  { access: { permission: "audit:verify" }, query: auditVerifyQuery },
  async ({ prisma, query }) =>
    Response.json(viewOf(startVerification(prisma, query.full ? "full" : "incremental")), {
      status: 202,
      headers: { "cache-control": "no-store" },
    }),
);
